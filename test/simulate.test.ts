/**
 * `tagwatch simulate`: exactly N posts in each platform format, readable by tagwatch's own
 * readers under the ids the ground truth gives, a ground truth consistent with the stream, and
 * byte-identical output for the same seed.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readInputs } from '../src/ingest/read-inputs.js';
import { SIMULATED_FORMATS, type SimulatedFormat } from '../src/simulate/format-writers.js';
import { simulate } from '../src/simulate/simulate.js';
import { jsonLines } from './support/run-cli.js';

interface TruthPost {
  post_id: string;
  ad: boolean;
  categories: string[];
  operation: string | null;
  account: string;
}
interface TruthAccount {
  account: string;
  operation: string | null;
  createdAt: string;
  suspendedAt: string | null;
  successorOf: string | null;
}
interface TruthWindow {
  tag: string;
  start: string;
  posts: number;
  ads: number;
  adShare: number;
}

const POSTS = 3000;
const STREAM_FILE: Record<SimulatedFormat, string> = {
  'x-stream': 'stream.jsonl',
  jetstream: 'stream.jsonl',
  mastodon: 'statuses.json',
  telegram: 'telegram',
};

async function generate(format: SimulatedFormat, seed = '42') {
  const out = mkdtempSync(join(tmpdir(), `tagwatch-sim-${format}-`));
  await simulate({ posts: POSTS, seed, days: 14, out, format });
  return out;
}

function digest(directory: string): string {
  const hash = createHash('sha256');
  const walk = (path: string) => {
    for (const entry of readdirSync(path, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const child = join(path, entry.name);
      if (entry.isDirectory()) walk(child);
      else hash.update(entry.name).update(readFileSync(child));
    }
  };
  walk(directory);
  return hash.digest('hex');
}

describe.each(SIMULATED_FORMATS)('simulate --format %s', (format) => {
  let out: string;
  let truth: TruthPost[];
  beforeAll(async () => {
    out = await generate(format);
    truth = jsonLines<TruthPost>(readFileSync(join(out, 'truth/posts.jsonl'), 'utf8'));
  });

  it('writes exactly N posts, which tagwatch reads back under the truth ids, in time order', async () => {
    expect(truth).toHaveLength(POSTS);
    const read: { id: string; account: string; createdAt: string }[] = [];
    const issues: unknown[] = [];
    for await (const item of readInputs([join(out, STREAM_FILE[format])], {
      onIssue: (issue) => issues.push(issue),
    })) {
      read.push(item.post);
    }
    expect(issues).toEqual([]);
    expect(read.map((post) => post.id).sort()).toEqual(truth.map((post) => post.post_id).sort());
    const accountOf = new Map(truth.map((post) => [post.post_id, post.account]));
    for (const post of read) expect(post.account).toBe(accountOf.get(post.id));
    if (format !== 'telegram') {
      // One stream: oldest first (Telegram writes one export per chat, each in order).
      const times = read.map((post) => post.createdAt);
      expect(times).toEqual(times.slice().sort());
    }
  });

  it('gives every ad an operation and categories, and no ordinary post either', () => {
    for (const post of truth) {
      if (post.ad) {
        expect(post.operation).toMatch(/^op-\d+$/);
        expect(post.categories.length).toBeGreaterThan(0);
      } else {
        expect(post.operation).toBeNull();
        expect(post.categories).toEqual([]);
      }
    }
    const ads = truth.filter((post) => post.ad).length;
    expect(ads).toBeGreaterThan(POSTS * 0.15);
    expect(ads).toBeLessThan(POSTS * 0.7);
  });

  it('lists every posting account once, with successions in time order', () => {
    const accounts = jsonLines<TruthAccount>(
      readFileSync(join(out, 'truth/accounts.jsonl'), 'utf8'),
    );
    const byId = new Map(accounts.map((account) => [account.account, account]));
    expect(byId.size).toBe(accounts.length);
    expect(new Set(truth.map((post) => post.account))).toEqual(new Set(byId.keys()));
    const firstPost = new Map<string, string>();
    for (const post of truth)
      if (!firstPost.has(post.account)) firstPost.set(post.account, post.post_id);
    let successions = 0;
    for (const account of accounts) {
      if (!account.successorOf) continue;
      successions++;
      const previous = byId.get(account.successorOf);
      expect(previous?.operation).toBe(account.operation);
      expect(previous?.suspendedAt).not.toBeNull();
      // The replaced account was suspended before its successor's first ad.
      const ownPosts = truth.filter((post) => post.account === account.account);
      const previousPosts = truth.filter((post) => post.account === account.successorOf);
      expect(truth.indexOf(ownPosts[0] as TruthPost)).toBeGreaterThan(
        truth.indexOf(previousPosts.at(-1) as TruthPost),
      );
    }
    expect(successions).toBeGreaterThan(0);
    for (const account of accounts.filter((entry) => entry.operation === null)) {
      expect(account.suspendedAt).toBeNull();
    }
  });

  it('counts hashtag windows that add up to the posts', () => {
    const windows = jsonLines<TruthWindow>(
      readFileSync(join(out, 'truth/hashtag-windows.jsonl'), 'utf8'),
    );
    expect(windows.length).toBeGreaterThan(10);
    for (const window of windows) {
      expect(window.tag).toBe(window.tag.toLowerCase());
      expect(window.ads).toBeLessThanOrEqual(window.posts);
      expect(window.adShare).toBeCloseTo(window.ads / window.posts, 3);
      expect(Date.parse(window.start) % 86_400_000).toBe(0);
    }
    // Some city tag is hijacked: more than 80% ads on a busy day.
    expect(windows.some((window) => window.posts >= 20 && window.adShare > 0.8)).toBe(true);
  });
});

describe('simulate determinism', () => {
  it('gives byte-identical files for the same seed, and different ones for another', async () => {
    const [first, second, other] = await Promise.all([
      generate('x-stream', '7'),
      generate('x-stream', '7'),
      generate('x-stream', '8'),
    ]);
    expect(digest(first)).toBe(digest(second));
    expect(digest(first)).not.toBe(digest(other));
  });
});
