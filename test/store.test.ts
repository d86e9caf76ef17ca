/**
 * The store and `tagwatch scan`: idempotent, resumable after a kill, readable by a newer
 * version, and hashtag analytics that match a simulated stream's ground truth.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultHijackRule, hashtagReports, hijackedWindows } from '../src/analyze/hashtags.js';
import { simulate } from '../src/simulate/simulate.js';
import { openStore } from '../src/store/store.js';
import { POST_FIELDS, VERDICT_FIELDS } from './support/contract.js';
import { PROJECT_ROOT, SAMPLE_DIR } from './support/paths.js';
import { jsonLines, runCli } from './support/run-cli.js';

const scratch = () => mkdtempSync(join(tmpdir(), 'tagwatch-store-'));

function tableCounts(path: string) {
  const db = new Database(path, { readonly: true });
  const one = (query: string) => (db.prepare(query).get() as { n: number }).n;
  const counts = {
    posts: one('SELECT count(*) AS n FROM posts'),
    classifications: one('SELECT count(*) AS n FROM classifications'),
    hashtags: one('SELECT count(*) AS n FROM post_hashtags'),
    windowPosts: one("SELECT coalesce(sum(posts), 0) AS n FROM hashtag_windows WHERE size = 'day'"),
    hourPosts: one("SELECT coalesce(sum(posts), 0) AS n FROM hashtag_windows WHERE size = 'hour'"),
    accountPosts: one('SELECT coalesce(sum(posts), 0) AS n FROM accounts'),
  };
  db.close();
  return counts;
}

describe('tagwatch scan', () => {
  it('stores each post once with its original record, however often it is scanned', async () => {
    const db = join(scratch(), 'store.sqlite');
    const first = await runCli(['scan', '--db', db, SAMPLE_DIR]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('11 new');
    const once = tableCounts(db);
    const second = await runCli(['scan', '--db', db, SAMPLE_DIR]);
    expect(second.stdout).toContain('0 new');
    expect(second.stdout).toContain('11 already stored');
    expect(tableCounts(db)).toEqual(once);
    expect(once).toMatchObject({ posts: 11, classifications: 11, accountPosts: 11 });
    // Every hashtag of every post is counted once in its day and its hour.
    expect(once.windowPosts).toBe(once.hashtags);
    expect(once.hourPosts).toBe(once.hashtags);
    const sqlite = new Database(db, { readonly: true });
    const stream = readFileSync(join(SAMPLE_DIR, 'x/filtered-stream.jsonl'), 'utf8').split('\n');
    const raw = sqlite
      .prepare('SELECT raw, source_line FROM posts WHERE id = ?')
      .get('x:1349000000000000005') as {
      raw: string;
      source_line: number;
    };
    sqlite.close();
    expect(raw.raw).toBe(stream[1]);
    expect(raw.source_line).toBe(2);
  });

  it('exports the stored posts with their verdicts, in the posts and classify shapes', async () => {
    const db = join(scratch(), 'store.sqlite');
    await runCli(['scan', '--db', db, SAMPLE_DIR]);
    const result = await runCli(['export', '--db', db, '--since', '2021-01-13']);
    expect(result.code).toBe(0);
    const posts = jsonLines(result.stdout);
    expect(posts.length).toBeGreaterThan(0);
    for (const post of posts) {
      expect(Object.keys(post)).toEqual([...POST_FIELDS, ...VERDICT_FIELDS]);
      expect(String(post.createdAt) >= '2021-01-13').toBe(true);
    }
  });

  it('reports hashtags and statistics from the store, in the contract shape', async () => {
    const db = join(scratch(), 'store.sqlite');
    await runCli(['scan', '--db', db, SAMPLE_DIR]);
    const json = await runCli(['hashtags', '--db', db, '--json']);
    expect(json.code).toBe(0);
    const reports = JSON.parse(json.stdout) as Record<string, unknown>[];
    expect(Object.keys(reports[0] ?? {})).toEqual([
      'tag',
      'posts',
      'ads',
      'adShare',
      'hijacked',
      'hijackedSince',
      'windows',
    ]);
    const lille = reports.find((report) => report.tag === 'lille');
    expect(lille?.posts).toBe(6); // three X posts, two Bluesky, one Telegram
    const hourly = JSON.parse(
      (await runCli(['hashtags', '--db', db, '--json', '--window', 'hour'])).stdout,
    );
    expect(
      hourly.find((report: { tag: string }) => report.tag === 'lille')?.windows.length,
    ).toBeGreaterThan(1);
    const table = await runCli(['hashtags', '--db', db]);
    expect(table.stdout).toMatch(/^#lille\s+6\s/m);
    const bad = await runCli(['hashtags', '--db', db, '--window', 'week']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--window must be day or hour');
    const stats = JSON.parse((await runCli(['stats', '--db', db, '--json'])).stdout);
    expect(stats.totals.posts).toBe(11);
    expect(stats.platforms.map((row: { platform: string }) => row.platform).sort()).toEqual([
      'bluesky',
      'mastodon',
      'telegram',
      'x',
    ]);
  });

  it('completes a scan killed mid-way, with nothing lost or doubled', async () => {
    const directory = scratch();
    await simulate({
      posts: 30_000,
      seed: 'kill',
      days: 10,
      out: join(directory, 'sim'),
      format: 'x-stream',
    });
    const input = join(directory, 'sim/stream.jsonl');
    const killed = join(directory, 'killed.sqlite');
    const clean = join(directory, 'clean.sqlite');
    // Kill the scan as soon as its first batches are committed.
    await new Promise<void>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [join(PROJECT_ROOT, 'bin/tagwatch.js'), 'scan', '--quiet', '--db', killed, input],
        {
          stdio: 'ignore',
        },
      );
      const timer = setInterval(() => {
        if (!existsSync(killed)) return;
        try {
          const db = new Database(killed, { readonly: true, fileMustExist: true });
          const { n } = db.prepare('SELECT count(*) AS n FROM posts').get() as { n: number };
          db.close();
          if (n > 0) child.kill('SIGKILL');
        } catch {
          // the schema is not there yet: poll again
        }
      }, 20);
      child.on('exit', (code, signal) => {
        clearInterval(timer);
        if (signal === 'SIGKILL' || code === 0) resolve();
        else reject(new Error(`scan exited with ${code}`));
      });
    });
    const partial = tableCounts(killed).posts;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(30_000);
    expect((await runCli(['scan', '--quiet', '--db', killed, input])).code).toBe(0);
    expect((await runCli(['scan', '--quiet', '--db', clean, input])).code).toBe(0);
    expect(tableCounts(killed)).toEqual(tableCounts(clean));
    expect(tableCounts(killed).posts).toBe(30_000);
  }, 120_000);

  it('opens a store made by an older schema and brings its analytics up to date', async () => {
    const db = join(scratch(), 'old.sqlite');
    const old = await openStore(db, { migrateTo: '0001-posts-and-classifications' });
    await old.close();
    const sqlite = new Database(db);
    sqlite
      .prepare(`INSERT INTO posts (id, platform, account, created_at, text, hashtags, urls, format, source_file, raw, raw_sha256, ingested_at)
        VALUES ('x:1', 'x', 'x:someone', '2021-01-12T21:04:00.000Z', 'salut #Liège #Lille', '["Liège","Lille"]', '[]', 'x-stream', 'f', '{}', 'h', '2021-01-13T00:00:00.000Z')`)
      .run();
    sqlite
      .prepare(
        `INSERT INTO classifications VALUES ('x:1', 1, 0.9, '["cannabis"]', '[]', '[]', 'm', '2021-01-13T00:00:00.000Z')`,
      )
      .run();
    sqlite.close();
    const store = await openStore(db);
    const windows = await store.hashtagWindows('day');
    await store.close();
    // Lowercased as JavaScript does it (SQLite's lower() knows ASCII only), in byte order.
    expect(windows).toEqual([
      { tag: 'lille', start: '2021-01-12T00:00:00.000Z', posts: 1, ads: 1 },
      { tag: 'liège', start: '2021-01-12T00:00:00.000Z', posts: 1, ads: 1 },
    ]);
  });
});

describe('hijack rule', () => {
  const rule = { minPosts: 10, minShare: 0.5, minRise: 0.3 };
  const window = (posts: number, ads: number, day: number) => ({
    start: `2021-01-${String(day).padStart(2, '0')}T00:00:00.000Z`,
    posts,
    ads,
    adShare: 0,
  });

  it("flags windows well above the tag's own baseline, not busy windows that were always like that", () => {
    expect(hijackedWindows([window(40, 2, 1), window(40, 4, 2), window(50, 40, 3)], rule)).toEqual([
      false,
      false,
      true,
    ]);
    // 60% ads when the tag always ran at 45%: not a hijack.
    expect(hijackedWindows([window(40, 18, 1), window(40, 24, 2)], rule)).toEqual([false, false]);
    // Too few posts decide nothing.
    expect(hijackedWindows([window(3, 3, 1)], rule)).toEqual([false]);
  });

  it('dates a hijack from the start of the current run, through quiet windows', () => {
    const [report] = hashtagReports(
      [window(40, 2, 1), window(40, 30, 2), window(2, 0, 3), window(40, 35, 4)].map((entry) => ({
        tag: 'lille',
        ...entry,
      })),
      rule,
    );
    expect(report?.hijacked).toBe(true);
    expect(report?.hijackedSince).toBe('2021-01-02T00:00:00.000Z');
  });
});

describe('hashtag analytics against a simulated ground truth', () => {
  let truth: { tag: string; start: string; posts: number; ads: number; adShare: number }[];
  let measured: Map<string, { posts: number; ads: number }>;
  let reports: ReturnType<typeof hashtagReports>;

  beforeAll(async () => {
    const directory = scratch();
    await simulate({
      posts: 40_000,
      seed: 'hashtags',
      days: 20,
      out: join(directory, 'sim'),
      format: 'x-stream',
    });
    const db = join(directory, 'store.sqlite');
    const result = await runCli([
      'scan',
      '--quiet',
      '--db',
      db,
      join(directory, 'sim/stream.jsonl'),
    ]);
    expect(result.code).toBe(0);
    truth = jsonLines(readFileSync(join(directory, 'sim/truth/hashtag-windows.jsonl'), 'utf8'));
    const store = await openStore(db);
    const rows = await store.hashtagWindows('day');
    await store.close();
    measured = new Map(rows.map((row) => [`${row.tag}|${row.start}`, row]));
    reports = hashtagReports(rows, defaultHijackRule('day'));
  }, 120_000);

  it("measures each busy hashtag-day's ad share within 0.05 of the truth, for 95% of them", () => {
    const busy = truth.filter((window) => window.posts >= 20);
    expect(busy.length).toBeGreaterThan(50);
    const close = busy.filter((window) => {
      const row = measured.get(`${window.tag}|${window.start}`);
      return (
        row !== undefined &&
        row.posts === window.posts &&
        Math.abs(row.ads / row.posts - window.adShare) <= 0.05
      );
    });
    expect(close.length / busy.length).toBeGreaterThanOrEqual(0.95);
  });

  it('flags the hashtags the truth shows hijacked, with precision and recall of 0.9 or more', () => {
    const byTag = new Map<string, typeof truth>();
    for (const window of truth) byTag.set(window.tag, [...(byTag.get(window.tag) ?? []), window]);
    const truthReports = hashtagReports(
      truth.map((window) => ({
        tag: window.tag,
        start: window.start,
        posts: window.posts,
        ads: window.ads,
      })),
      defaultHijackRule('day'),
    );
    const expected = new Set(
      truthReports.filter((report) => report.hijacked).map((report) => report.tag),
    );
    const flagged = new Set(
      reports.filter((report) => report.hijacked).map((report) => report.tag),
    );
    expect(expected.size).toBeGreaterThan(3);
    const hits = [...flagged].filter((tag) => expected.has(tag)).length;
    expect(hits / flagged.size).toBeGreaterThanOrEqual(0.9);
    expect(hits / expected.size).toBeGreaterThanOrEqual(0.9);
  });
});
