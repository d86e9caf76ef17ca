/**
 * Bad input of every kind: each problem is reported on stderr with its file and line (or
 * record index), everything valid around it is still read, and the exit code says which.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Post } from '../src/records/post.js';
import { FIXTURES_DIR, SAMPLE_DIR } from './support/paths.js';
import { jsonLines, runCli } from './support/run-cli.js';

const BAD = join(FIXTURES_DIR, 'bad');

async function posts(...inputs: string[]) {
  const result = await runCli(['posts', ...inputs]);
  return { ...result, posts: jsonLines<Post>(result.stdout) };
}

describe('malformed and invalid records', () => {
  it('reports a broken JSON line and records missing text or id, and reads the rest', async () => {
    const file = join(BAD, 'stream-with-bad-lines.jsonl');
    const result = await posts(file);
    expect(result.code).toBe(3);
    expect(result.posts.map((post) => post.id)).toEqual([
      'x:1350000000000000001',
      'x:1350000000000000002',
    ]);
    expect(result.stderr).toContain(`${file}:2: `);
    expect(result.stderr).toMatch(/:2: .*\[malformed-json\]/);
    expect(result.stderr).toContain(`${file}:4: tweet text: missing [invalid-record]`);
    expect(result.stderr).toContain(`${file}:5: tweet id: missing [invalid-record]`);
    // Line 3 is a blank keep-alive line: not a problem.
    expect(result.stderr).not.toContain(`${file}:3:`);
  });

  it('names the record index inside a page, for a missing text and an unreadable date', async () => {
    const file = join(BAD, 'page-with-bad-records.json');
    const result = await posts(file);
    expect(result.code).toBe(3);
    expect(result.posts.map((post) => post.id)).toEqual(['x:1350000000000000011']);
    expect(result.stderr).toContain(`${file} (record 1): tweet text: missing [invalid-record]`);
    expect(result.stderr).toContain(
      `${file} (record 2): tweet 1350000000000000013: unreadable created_at`,
    );
  });

  it('reports a Jetstream post without text and a Telegram message without text', async () => {
    const jetstream = join(BAD, 'jetstream-missing-text.jsonl');
    const telegram = join(BAD, 'telegram-missing-text.json');
    const result = await posts(jetstream, telegram);
    expect(result.code).toBe(3);
    expect(result.posts.map((post) => post.id)).toEqual([
      'bluesky:at://did:plc:fixturebadjetstream000001/app.bsky.feed.post/3kfixture0001',
      'telegram:1999000099/1',
    ]);
    expect(result.stderr).toContain(`${jetstream}:3: commit.record.text: missing [invalid-record]`);
    expect(result.stderr).toContain(
      `${telegram} (record 1): message text: missing [invalid-record]`,
    );
  });

  it('reports a truncated JSON document with the line where it breaks off', async () => {
    const file = join(BAD, 'truncated-statuses.json');
    const result = await posts(file);
    expect(result.code).toBe(2);
    const lineCount = readFileSync(file, 'utf8').split('\n').length;
    expect(result.stderr).toContain(`${file}:${lineCount}: not valid JSON`);
    expect(result.stderr).toContain('[malformed-json]');
  });
});

describe('files that cannot be read', () => {
  it('reports a file in no known format and still reads the others (exit 3)', async () => {
    const csv = join(BAD, 'not-a-format.csv');
    const result = await posts(csv, join(SAMPLE_DIR, 'telegram'));
    expect(result.code).toBe(3);
    expect(result.posts).toHaveLength(2);
    expect(result.stderr).toContain(`${csv}:1: not a supported format`);
    expect(result.stderr).toContain('[unknown-format]');
  });

  it('reports JSON Lines of unknown records, an empty file and a missing path', async () => {
    const unknown = join(BAD, 'unknown-records.jsonl');
    const empty = join(BAD, 'empty.json');
    const missing = join(BAD, 'no-such-file.jsonl');
    const result = await posts(unknown, empty, missing);
    expect(result.code).toBe(2);
    expect(result.posts).toEqual([]);
    expect(result.stderr).toContain(`${unknown}: JSON Lines, but no line is`);
    expect(result.stderr).toContain(`${empty}: file is empty [empty-file]`);
    expect(result.stderr).toContain(`${missing}: no such file or folder [not-found]`);
  });

  it('reads a truncated gzip up to where it breaks, then reports it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tagwatch-truncated-'));
    const lines = Array.from({ length: 2000 }, (_, index) =>
      JSON.stringify({
        data: {
          id: String(1350000000000000000n + BigInt(index)),
          text: `post ${index} #Lille ${'x'.repeat(index % 97)} ${Math.sin(index)}`,
          author_id: '1',
          created_at: '2021-01-12T21:04:00.000Z',
        },
        includes: { users: [{ id: '1', username: 'someone' }] },
      }),
    );
    const whole = gzipSync(`${lines.join('\n')}\n`);
    const file = join(dir, 'stream.jsonl.gz');
    writeFileSync(file, whole.subarray(0, Math.floor(whole.length / 2)));
    const result = await posts(file);
    expect(result.code).toBe(3);
    expect(result.posts.length).toBeGreaterThan(100);
    expect(result.posts.length).toBeLessThan(2000);
    // What was read is each line in order, from the first.
    expect(result.posts.map((post) => post.id)).toEqual(
      lines.slice(0, result.posts.length).map((line) => `x:${JSON.parse(line).data.id}`),
    );
    expect(result.stderr).toContain(`${file}: gzip stream is truncated or corrupt`);
    expect(result.stderr).toContain('[truncated-gzip]');
  });

  it('exits 0 when a folder holds only good files, read recursively', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tagwatch-good-'));
    copyFileSync(join(SAMPLE_DIR, 'x/search-page.json'), join(dir, 'page.json'));
    const result = await posts(dir);
    expect(result.code).toBe(0);
    expect(result.posts).toHaveLength(4);
  });
});

describe('hostile text', () => {
  it('shows what a reader sees: no script text, no NUL, no javascript: link', async () => {
    const result = await posts(join(BAD, 'hostile-status.json'));
    expect(result.code).toBe(0);
    const [post] = result.posts;
    expect(post?.text).toBe('avant après \u202eesrever\u202c <b>\ufffdfin\n\nlien');
    expect(post?.urls).toEqual([]);
  });
});
