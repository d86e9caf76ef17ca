/**
 * `tagwatch posts` on the whole labeled development set: every post read once, ids and
 * hashtags as labeled, text as a reader sees it (compared with the flat source).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Post } from '../src/records/post.js';
import { DEV_SET_DIR, missingShared } from './support/paths.js';
import { jsonLines, runCli } from './support/run-cli.js';

interface Label {
  post_id: string;
  key: string;
  platform: string;
  hashtags: string[];
}
interface SourcePost {
  key: string;
  text: string;
}

const skip = missingShared(DEV_SET_DIR);

/**
 * X's `expanded_url` adds `http://` to a link typed without a scheme (`t.me/x`); the author's
 * text had none. Drop the scheme from those links only, and only where the author typed none.
 */
function withoutAddedSchemes(post: Post, written: string): string {
  let text = post.text;
  for (const url of post.urls) {
    if (url.startsWith('http://') && !written.includes(url)) {
      text = text.replaceAll(url, url.slice('http://'.length));
    }
  }
  return text;
}

describe.skipIf(skip !== null)(`tagwatch posts on the dev set ${skip ?? ''}`, () => {
  let posts: Post[];
  let labels: Label[];
  let sources: Map<string, SourcePost>;
  let code: number | null;
  let stderr: string;

  beforeAll(async () => {
    const result = await runCli(['posts', join(DEV_SET_DIR, 'posts')]);
    posts = jsonLines<Post>(result.stdout);
    code = result.code;
    stderr = result.stderr;
    labels = jsonLines<Label>(readFileSync(join(DEV_SET_DIR, 'labels.jsonl'), 'utf8'));
    sources = new Map(
      jsonLines<SourcePost>(readFileSync(join(DEV_SET_DIR, 'source.jsonl'), 'utf8')).map(
        (source) => [source.key, source],
      ),
    );
  });

  it('reads every labeled post exactly once, with exit code 0', () => {
    expect(code).toBe(0);
    expect(stderr).not.toMatch(/\[(malformed-json|invalid-record|unknown-format)\]/);
    const ids = posts.map((post) => post.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.toSorted()).toEqual(labels.map((label) => label.post_id).toSorted());
  });

  it('gives every post the labeled platform and hashtags, in order and case as written', () => {
    const byId = new Map(posts.map((post) => [post.id, post]));
    const mismatches = labels.filter((label) => {
      const post = byId.get(label.post_id);
      return (
        post?.platform !== label.platform ||
        JSON.stringify(post.hashtags) !== JSON.stringify(label.hashtags)
      );
    });
    expect(mismatches).toEqual([]);
  });

  it('gives every post the text a reader sees', () => {
    const byId = new Map(posts.map((post) => [post.id, post]));
    const mismatches: { id: string; ours: string; source: string }[] = [];
    for (const label of labels) {
      const post = byId.get(label.post_id);
      const source = sources.get(label.key);
      if (!post || !source) throw new Error(`no post or source for ${label.post_id}`);
      const ours = post.platform === 'x' ? withoutAddedSchemes(post, source.text) : post.text;
      if (ours !== source.text) mismatches.push({ id: post.id, ours, source: source.text });
    }
    expect(mismatches).toEqual([]);
  });

  it('expands every X t.co link and leaves no HTML escape behind', () => {
    const xPosts = posts.filter((post) => post.platform === 'x');
    expect(xPosts.length).toBeGreaterThan(0);
    for (const post of xPosts) {
      expect(post.text).not.toMatch(/https:\/\/t\.co\/|&amp;|&lt;|&gt;/);
      expect(post.url).toMatch(/^https:\/\/x\.com\/[^/]+\/status\/\d+$/);
    }
  });

  it('builds account ids from handles as the contract says', () => {
    for (const post of posts) {
      expect(post.account).toBe(post.account.toLowerCase());
      const pattern = {
        x: /^x:\w+$/,
        bluesky: /^bluesky:([a-z0-9.-]+|did:[a-z]+:[a-z0-9.:%-]+)$/,
        mastodon: /^mastodon:[\w.-]+@[\w.-]+$/,
        telegram: /^telegram:-?\w+$/,
      }[post.platform];
      expect(post.account).toMatch(pattern);
    }
  });
});
