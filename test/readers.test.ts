/**
 * Each platform reader on the bundled sample (`examples/sample`), whose records carry the
 * platforms' quirks: HTML escapes and t.co links, long posts, missing expansions, byte-offset
 * facets, late identity events, Mastodon HTML, Telegram's mixed text arrays.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { IngestIssue } from '../src/ingest/ingest-issue.js';
import { newIngestStats, readInputs } from '../src/ingest/read-inputs.js';
import type { Post } from '../src/records/post.js';
import { POST_FIELDS } from './support/contract.js';
import { SAMPLE_DIR } from './support/paths.js';
import { jsonLines, runCli } from './support/run-cli.js';

async function read(paths: string[]) {
  const issues: IngestIssue[] = [];
  const stats = newIngestStats();
  const items = [];
  for await (const item of readInputs(paths, { onIssue: (issue) => issues.push(issue), stats })) {
    items.push(item);
  }
  return { items, posts: items.map((item) => item.post), issues, stats };
}

function byId(posts: Post[], id: string): Post {
  const post = posts.find((candidate) => candidate.id === id);
  if (!post) throw new Error(`no post ${id}`);
  return post;
}

describe('X API v2', () => {
  it('reads a search page: unescapes HTML, expands t.co, builds ids and permalinks', async () => {
    const { posts, issues, items } = await read([join(SAMPLE_DIR, 'x/search-page.json')]);
    expect(issues).toEqual([]);
    expect(items.every((item) => item.format === 'x-search-page')).toBe(true);
    const news = byId(posts, 'x:1349000000000000002');
    expect(news).toEqual({
      id: 'x:1349000000000000002',
      platform: 'x',
      account: 'x:metro_lille_info',
      accountCreatedAt: '2014-05-01T08:00:00.000Z',
      createdAt: '2021-01-12T22:15:30.000Z',
      lang: 'fr',
      text: 'Couvre-feu à 18h dans la métropole <3 : horaires des métros et bus sur https://metro-lille.example/horaires #Lille',
      hashtags: ['Lille'],
      urls: ['https://metro-lille.example/horaires'],
      url: 'https://x.com/metro_lille_info/status/1349000000000000002',
    });
    const seller = byId(posts, 'x:1349000000000000001');
    expect(seller.account).toBe('x:lille_plug59');
    expect(seller.text).toContain('Beuh & ❄️');
    expect(seller.hashtags).toEqual(['Lille', 'coronavirus', 'confinement']);
  });

  it('lets the author id stand in when the page has no user for it', async () => {
    const { posts } = await read([join(SAMPLE_DIR, 'x/search-page.json')]);
    const reply = byId(posts, 'x:1349000000000000004');
    expect(reply.account).toBe('x:1004');
    expect(reply.url).toBe('https://x.com/i/web/status/1349000000000000004');
    expect(reply.lang).toBeNull(); // X's `und`
    expect(reply.hashtags).toEqual([]);
  });

  it('reads stream lines, taking a long post from note_tweet', async () => {
    const { posts, items, issues } = await read([join(SAMPLE_DIR, 'x/filtered-stream.jsonl')]);
    expect(issues).toEqual([]);
    expect(items.map((item) => [item.format, item.line])).toEqual([
      ['x-stream', 1],
      ['x-stream', 2],
    ]);
    const long = byId(posts, 'x:1349000000000000005');
    expect(long.text.length).toBeGreaterThan(280);
    expect(long.text.endsWith('merci aux bénévoles ! #Roubaix #solidarité')).toBe(true);
    expect(long.hashtags).toEqual(['Roubaix', 'solidarité']);
  });

  it('keeps the stream line byte for byte as the raw record', async () => {
    const { items } = await read([join(SAMPLE_DIR, 'x/filtered-stream.jsonl')]);
    const lines = readFileSync(join(SAMPLE_DIR, 'x/filtered-stream.jsonl'), 'utf8').split('\n');
    expect(items.map((item) => item.raw)).toEqual(lines.slice(0, 2));
  });

  it('derives the time from the tweet id when created_at was not requested', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tagwatch-x-'));
    const file = join(dir, 'line.jsonl');
    writeFileSync(
      file,
      `${JSON.stringify({ data: { id: '1349000000000000001', text: 'hello', author_id: '1' } })}\n`,
    );
    const { posts } = await read([file]);
    // 1349000000000000001 >> 22 + X's epoch: 2021-01-12 (the id was made up for that day).
    expect(posts[0]?.createdAt.slice(0, 10)).toBe('2021-01-12');
  });
});

describe('Bluesky Jetstream', () => {
  it('reads post commits, names authors from identity events, even later ones', async () => {
    const { posts, issues, stats } = await read([join(SAMPLE_DIR, 'bluesky/jetstream.jsonl')]);
    expect(issues).toEqual([]);
    expect(posts.map((post) => post.id)).toEqual([
      'bluesky:at://did:plc:tw4demo2plugnord59aaaaaa/app.bsky.feed.post/3kdemopost01a',
      'bluesky:at://did:plc:tw4demo3meteolilleaaaaa/app.bsky.feed.post/3kdemopost02b',
    ]);
    // The first post precedes its author's identity event; the handle is still known.
    expect(posts[0]?.account).toBe('bluesky:plugnord59.bsky.social');
    expect(posts[1]?.account).toBe('bluesky:meteo-lille.bsky.social');
    // identity ×2, a like, a delete, an account event: valid records, no posts.
    expect(stats.nonPosts).toBe(5);
  });

  it('takes hashtags and links from facets located by UTF-8 byte offsets', async () => {
    const { posts } = await read([join(SAMPLE_DIR, 'bluesky/jetstream.jsonl')]);
    expect(posts[0]?.hashtags).toEqual(['Lille', 'Roubaix']);
    expect(posts[0]?.urls).toEqual(['https://wa.me/33639981234']);
    expect(posts[0]?.url).toBe(
      'https://bsky.app/profile/did:plc:tw4demo2plugnord59aaaaaa/post/3kdemopost01a',
    );
  });

  it('falls back to the DID when no identity event names the author', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tagwatch-bsky-'));
    const file = join(dir, 'events.jsonl');
    const event = {
      did: 'did:plc:nohandleknown000000000001',
      time_us: 1610485200000000,
      kind: 'commit',
      commit: {
        operation: 'create',
        collection: 'app.bsky.feed.post',
        rkey: '3kabc',
        record: { text: 'salut #Lille', createdAt: '2021-01-12T21:00:00Z' },
      },
    };
    writeFileSync(file, `${JSON.stringify(event)}\n`);
    const { posts } = await read([file]);
    expect(posts[0]?.account).toBe('bluesky:did:plc:nohandleknown000000000001');
    // No facets: twitter-text's rules find the hashtag.
    expect(posts[0]?.hashtags).toEqual(['Lille']);
  });
});

describe('Mastodon statuses', () => {
  it('turns HTML into text with line breaks and paragraphs, and adds the local domain', async () => {
    const { posts, issues } = await read([join(SAMPLE_DIR, 'mastodon/tag-timeline.json')]);
    expect(issues).toEqual([]);
    const local = posts[0] as Post;
    expect(local.account).toBe('mastodon:roubaix_express@piaille.example');
    expect(local.id).toBe(
      'mastodon:https://piaille.example/users/roubaix_express/statuses/105600000000000001',
    );
    expect(local.text).toBe(
      '🍫 Résine & 🍃 beuh · Roubaix / Tourcoing\nSignal : +33 6 39 98 45 67\n\nCarte complète : https://carte-nord.example/menu #Roubaix #Tourcoing',
    );
    // Case as written in the content, not the server's lowercased `tags`.
    expect(local.hashtags).toEqual(['Roubaix', 'Tourcoing']);
    expect(local.urls).toEqual(['https://carte-nord.example/menu']);
    expect(local.url).toBe('https://piaille.example/@roubaix_express/105600000000000001');
    expect(posts[1]?.account).toBe('mastodon:ldn_walks@mastodon.example');
    expect(posts[1]?.text).toContain('"before lockdown ends"');
  });
});

describe('Telegram Desktop export', () => {
  it('joins text arrays, takes hashtag and link entities, skips service messages', async () => {
    const { posts, issues, stats } = await read([join(SAMPLE_DIR, 'telegram')]);
    expect(issues).toEqual([]);
    expect(stats.nonPosts).toBe(1);
    expect(posts.map((post) => post.id)).toEqual([
      'telegram:1999000001/2',
      'telegram:1999000001/3',
    ]);
    const menu = posts[0] as Post;
    expect(menu.account).toBe('telegram:1999000001');
    expect(menu.text).toBe(
      '🥶 La carte de la semaine 👇\n🍃 Amnesia 10€/g\n❄️ 70€/g\nCommandes : @nordfrais_bot ou +44 7700 900123\n#Lille #Douai',
    );
    expect(menu.hashtags).toEqual(['Lille', 'Douai']);
    // date_unixtime (UTC), not the zone-less local `date`.
    expect(menu.createdAt).toBe('2021-01-12T21:00:00.000Z');
    expect(posts[1]?.urls).toEqual(['t.me/nordfrais_backup']);
  });

  it('reads a full "Export Telegram data" with many chats, and group senders', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tagwatch-tg-'));
    const file = join(dir, 'result.json');
    const message = (id: number, from_id: string) => ({
      id,
      type: 'message',
      date: '2021-01-12T22:00:00',
      date_unixtime: '1610485200',
      from_id,
      text: `message ${id} #Lille`,
    });
    writeFileSync(
      file,
      JSON.stringify({
        about: 'export',
        chats: {
          list: [
            { id: 11, type: 'private_supergroup', name: 'g', messages: [message(1, 'user77')] },
            { id: 12, type: 'public_channel', name: 'c', messages: [message(2, 'channel12')] },
          ],
        },
      }),
    );
    const { posts } = await read([file]);
    expect(posts.map((post) => [post.id, post.account, post.hashtags])).toEqual([
      ['telegram:11/1', 'telegram:user77', ['Lille']],
      ['telegram:12/2', 'telegram:12', ['Lille']],
    ]);
  });
});

describe('tagwatch JSON Lines and the whole sample', () => {
  let sample: Post[];
  beforeAll(async () => {
    sample = (await read([SAMPLE_DIR])).posts;
  });

  it('reads tagwatch posts output back unchanged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tagwatch-canonical-'));
    const file = join(dir, 'posts.jsonl');
    writeFileSync(file, `${sample.map((post) => JSON.stringify(post)).join('\n')}\n`);
    const { posts, items } = await read([file]);
    expect(items.every((item) => item.format === 'tagwatch')).toBe(true);
    expect(posts).toEqual(sample);
  });

  it('reads each post once when a page and a stream hold the same tweet', async () => {
    const { stats } = await read([SAMPLE_DIR]);
    expect(stats.duplicates).toBe(1);
    expect(sample.filter((post) => post.id === 'x:1349000000000000001')).toHaveLength(1);
    expect(new Set(sample.map((post) => post.id)).size).toBe(sample.length);
  });

  it('inflates gzip told by its content, whatever the file is called', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tagwatch-gz-'));
    const file = join(dir, 'capture.bin');
    writeFileSync(file, gzipSync(readFileSync(join(SAMPLE_DIR, 'bluesky/jetstream.jsonl'))));
    const { posts, issues } = await read([file]);
    expect(issues).toEqual([]);
    expect(posts.map((post) => post.account)).toEqual([
      'bluesky:plugnord59.bsky.social',
      'bluesky:meteo-lille.bsky.social',
    ]);
  });

  it('prints the contract fields in contract order from the CLI, exit code 0', async () => {
    const result = await runCli(['posts', SAMPLE_DIR]);
    expect(result.code).toBe(0);
    const printed = jsonLines(result.stdout);
    expect(printed).toEqual(sample);
    expect(Object.keys(printed[0] ?? {})).toEqual(POST_FIELDS);
    expect(result.stderr).toContain('read 11 posts from 5 files, 1 duplicate read once');
  });
});
