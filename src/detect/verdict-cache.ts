/**
 * Verdicts remembered by everything a verdict depends on, so that a text seen again is not
 * analyzed again. Streams repeat themselves: sellers paste one ad across accounts and hours,
 * retweets and bot spam carry the same text, and an operation's replacement account posts its
 * predecessor's words. The verdict is a pure function of what is compared here, so a hit gives
 * the same answer a fresh analysis would.
 *
 * Hand-written (two maps, a few dozen lines): the bound is what matters, not recency to the
 * entry, and the LRU packages on npm pay for exact recency on every hit. Entries are found by
 * the text alone, as the reader made it, and then compared field by field: building one key
 * string of all the fields cost more than the rest of a hit.
 */
import type { Verdict } from '../records/classification.js';
import type { Post } from '../records/post.js';

/** The part of a classification that depends on the post's content, not on who posted it. */
export interface ContentVerdict extends Verdict {
  lang: string | null;
}

/**
 * What the detector reads of a post: the text, and the facts that change how it is read (the
 * platform decides which mentions are contacts; the language and place hashtags, the region of
 * a phone number; the expanded links, the url contacts).
 */
export type PostContent = Pick<Post, 'platform' | 'lang' | 'text' | 'hashtags' | 'urls'>;

interface Entry {
  platform: Post['platform'];
  lang: string | null;
  hashtags: readonly string[];
  urls: readonly string[];
  verdict: ContentVerdict;
  /** Another reading of the same text (another language, other hashtags), or none. */
  next: Entry | undefined;
}

/** Readings of one text kept at most: a text posted under ever new hashtags stays cheap to look up. */
const MAX_READINGS = 8;

export class VerdictCache {
  private recent = new Map<string, Entry>();
  private older = new Map<string, Entry>();
  /** Characters of the recent generation's texts: long posts fill a generation sooner. */
  private recentChars = 0;

  /**
   * Holds up to two generations, the recent one and the one before, each of at most `capacity`
   * texts and `maxChars` characters of text (with their verdicts, about 1 KB a text).
   */
  constructor(
    private readonly capacity = 32768,
    private readonly maxChars = 8 * 2 ** 20,
  ) {}

  get(post: PostContent): ContentVerdict | undefined {
    const found = readingOf(this.recent.get(post.text), post);
    if (found !== undefined) return found.verdict;
    const old = readingOf(this.older.get(post.text), post);
    if (old === undefined) return undefined;
    this.set(post, old.verdict);
    return old.verdict;
  }

  set(post: PostContent, verdict: ContentVerdict): void {
    const first = this.recent.get(post.text);
    if (first !== undefined) dropFrom(first, MAX_READINGS - 1);
    else {
      if (this.recent.size >= this.capacity || this.recentChars >= this.maxChars) {
        this.older = this.recent;
        this.recent = new Map();
        this.recentChars = 0;
      }
      this.recentChars += post.text.length;
    }
    this.recent.set(post.text, {
      platform: post.platform,
      lang: post.lang,
      // Copies: the caller's post may change after the verdict is stored.
      hashtags: post.hashtags.slice(),
      urls: post.urls.slice(),
      verdict,
      next: first,
    });
  }

  clear(): void {
    this.recent.clear();
    this.older.clear();
    this.recentChars = 0;
  }
}

function readingOf(first: Entry | undefined, post: PostContent): Entry | undefined {
  for (let entry = first; entry !== undefined; entry = entry.next) {
    if (
      entry.platform === post.platform &&
      entry.lang === post.lang &&
      sameStrings(entry.hashtags, post.hashtags) &&
      sameStrings(entry.urls, post.urls)
    ) {
      return entry;
    }
  }
  return undefined;
}

/** Cuts the chain after `keep` entries. */
function dropFrom(first: Entry, keep: number): void {
  let entry: Entry = first;
  for (let count = 1; count < keep && entry.next !== undefined; count++) entry = entry.next;
  entry.next = undefined;
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}
