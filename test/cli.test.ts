import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './support/paths.js';
import { runCli } from './support/run-cli.js';

describe('tagwatch command line', () => {
  it('prints its version from package.json', async () => {
    const { version } = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8'));
    const result = await runCli(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(version);
  });

  const COMMANDS = [
    'posts',
    'classify',
    'eval',
    'train',
    'simulate',
    'scan',
    'hashtags',
    'stats',
    'export',
    'networks',
    'pivot',
  ];

  it('lists its commands and the input formats in --help', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^\s+posts \[options\] <input\.\.\.>/m);
    // Every command, in this order, though each one's module is loaded only when it runs.
    const listed = [...result.stdout.matchAll(/^ {2}(\w+) \[options\]/gm)].map((match) => match[1]);
    expect(listed).toEqual(COMMANDS);
    for (const format of [
      'X API v2 filtered stream',
      'Bluesky Jetstream',
      'Mastodon',
      'Telegram',
    ]) {
      expect(result.stdout).toContain(format);
    }
  });

  it('has --help on each command', async () => {
    const result = await runCli(['posts', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: tagwatch posts [options] <input...>');
    for (const command of COMMANDS) {
      const help = await runCli([command, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(`Usage: tagwatch ${command} [options]`);
    }
  });

  it('fails with a usage error on an unknown command or a missing input', async () => {
    const unknown = await runCli(['frobnicate']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
    const missing = await runCli(['posts']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("missing required argument 'input'");
  });
});
