import type { Command } from 'commander';
import { openStore } from '../store/store.js';
import { LineWriter } from './line-writer.js';
import { UsageError } from './usage-error.js';

function instant(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  const time = Date.parse(value);
  if (Number.isNaN(time))
    throw new UsageError(
      `${flag} must be a date or time such as 2021-01-12 or 2021-01-12T18:00:00Z, not "${value}"`,
    );
  return new Date(time).toISOString();
}

export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description(
      'the stored posts with their classification, one JSON object a line (the `posts` fields plus the `classify` verdict)',
    )
    .requiredOption('--db <file>', 'the store written by `tagwatch scan`')
    .option('--since <time>', 'posts created at or after this time')
    .option('--until <time>', 'posts created before this time')
    .action(async (options: { db: string; since?: string; until?: string }) => {
      const range = {
        since: instant(options.since, '--since'),
        until: instant(options.until, '--until'),
      };
      const store = await openStore(options.db);
      try {
        const out = new LineWriter(process.stdout);
        let lines: string[] = [];
        for await (const post of store.exportPosts(range)) {
          lines.push(JSON.stringify(post));
          if (lines.length >= 500) {
            await out.writeAll(lines);
            lines = [];
          }
        }
        await out.writeAll(lines);
        await out.flush();
      } finally {
        await store.close();
      }
    });
}
