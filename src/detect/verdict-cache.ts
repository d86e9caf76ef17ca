/**
 * Verdicts remembered by everything a verdict depends on, so that a text seen again is not
 * analyzed again. Streams repeat themselves: sellers paste one ad across accounts and hours,
 * retweets and bot spam carry the same text, and an operation's replacement account posts its
 * predecessor's words. The verdict is a pure function of the key, so a hit gives the same
 * answer a fresh analysis would.
 *
 * Hand-written (two maps, a dozen lines): the bound is what matters, not recency to the entry,
 * and the LRU packages on npm pay for exact recency on every hit.
 */
import type { Verdict } from '../records/classification.js';
import type { Post } from '../records/post.js';

/** The part of a classification that depends on the post's content, not on who posted it. */
export interface ContentVerdict extends Verdict {
  lang: string | null;
}

export class VerdictCache {
  private recent = new Map<string, ContentVerdict>();
  private older = new Map<string, ContentVerdict>();

  /** Holds between `capacity` and twice as many verdicts: the recent ones and the generation before. */
  constructor(private readonly capacity = 32768) {}

  get(key: string): ContentVerdict | undefined {
    const found = this.recent.get(key);
    if (found !== undefined) return found;
    const old = this.older.get(key);
    if (old !== undefined) this.set(key, old);
    return old;
  }

  set(key: string, verdict: ContentVerdict): void {
    if (this.recent.size >= this.capacity) {
      this.older = this.recent;
      this.recent = new Map();
    }
    this.recent.set(key, verdict);
  }

  clear(): void {
    this.recent.clear();
    this.older.clear();
  }
}

/**
 * What the detector reads of a post: the text, and the facts that change how it is read (the
 * platform decides which mentions are contacts; the language and place hashtags, the region of
 * a phone number; the expanded links, the url contacts).
 */
export function contentKey(post: Post): string {
  let key = `${post.platform}\u0000${post.lang ?? ''}\u0000`;
  for (const tag of post.hashtags) key += `${tag}\u0001`;
  key += '\u0000';
  for (const url of post.urls) key += `${url}\u0001`;
  return `${key}\u0000${post.text}`;
}
