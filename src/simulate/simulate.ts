/**
 * `tagwatch simulate`: a world built from the seed, its posts written in time order in one
 * platform format, and the ground truth beside them (`truth/posts.jsonl`, `truth/accounts.jsonl`,
 * `truth/hashtag-windows.jsonl`). Streaming throughout: memory grows with accounts and
 * hashtag-days, not with posts.
 */
import { join } from 'node:path';
import { type FormatWriter, openWriter, type SimulatedFormat } from './format-writers.js';
import { generatePosts } from './generate.js';
import { OutputFile } from './output-file.js';
import { Random } from './random.js';
import { buildWorld, DAY_MS, type SimAccount } from './world.js';

export interface SimulateOptions {
  posts: number;
  seed: string;
  days: number;
  out: string;
  format: SimulatedFormat;
  onProgress?: (written: number) => void;
}

export interface SimulateSummary {
  posts: number;
  ads: number;
  operations: number;
  accounts: number;
  successions: number;
  files: string[];
}

interface Window {
  posts: number;
  ads: number;
}

export async function simulate(options: SimulateOptions): Promise<SimulateSummary> {
  const world = buildWorld({ posts: options.posts, days: options.days, seed: options.seed });
  const random = new Random(options.seed).fork('posts');
  const writer: FormatWriter = openWriter(options.format, options.out);
  const truthPosts = new OutputFile(join(options.out, 'truth', 'posts.jsonl'));
  const posted = new Set<SimAccount>();
  const windows = new Map<string, Map<number, Window>>();
  let ads = 0;
  for (const post of generatePosts(world, options.posts, random)) {
    const ids = writer.write(post);
    posted.add(post.account);
    if (post.ad) ads++;
    truthPosts.write(
      `${JSON.stringify({
        post_id: ids.postId,
        ad: post.ad,
        categories: post.categories,
        operation: post.operation?.id ?? null,
        account: ids.accountId,
        kind: post.kind,
        contacts: post.contacts,
      })}\n`,
    );
    const day = world.start + Math.floor((post.time - world.start) / DAY_MS) * DAY_MS;
    for (const tag of new Set(post.hashtags.map((written) => written.toLowerCase()))) {
      let byDay = windows.get(tag);
      if (!byDay) {
        byDay = new Map();
        windows.set(tag, byDay);
      }
      const window = byDay.get(day) ?? { posts: 0, ads: 0 };
      window.posts++;
      if (post.ad) window.ads++;
      byDay.set(day, window);
    }
    if (post.index % 1024 === 1023) {
      await writer.drain();
      await truthPosts.drain();
      options.onProgress?.(post.index + 1);
    }
  }
  await writer.close();
  await truthPosts.close();

  const truthAccounts = new OutputFile(join(options.out, 'truth', 'accounts.jsonl'));
  let successions = 0;
  for (const account of world.accounts) {
    if (!posted.has(account)) continue;
    const predecessor =
      account.successorOf && posted.has(account.successorOf) ? account.successorOf : null;
    if (predecessor) successions++;
    truthAccounts.write(
      `${JSON.stringify({
        account: writer.accountId(account),
        operation: account.operation?.id ?? null,
        createdAt: new Date(account.createdAt).toISOString(),
        suspendedAt:
          account.suspendedAt === null ? null : new Date(account.suspendedAt).toISOString(),
        successorOf: predecessor ? writer.accountId(predecessor) : null,
      })}\n`,
    );
  }
  await truthAccounts.close();

  const truthWindows = new OutputFile(join(options.out, 'truth', 'hashtag-windows.jsonl'));
  for (const tag of [...windows.keys()].sort()) {
    const byDay = windows.get(tag) as Map<number, Window>;
    for (const day of [...byDay.keys()].sort((a, b) => a - b)) {
      const window = byDay.get(day) as Window;
      truthWindows.write(
        `${JSON.stringify({
          tag,
          start: new Date(day).toISOString(),
          posts: window.posts,
          ads: window.ads,
          adShare: Math.round((window.ads / window.posts) * 10_000) / 10_000,
        })}\n`,
      );
    }
  }
  await truthWindows.close();

  const operations = new Set([...posted].map((account) => account.operation).filter(Boolean));
  return {
    posts: options.posts,
    ads,
    operations: operations.size,
    accounts: posted.size,
    successions,
    files: [],
  };
}
