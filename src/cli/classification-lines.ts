/**
 * `tagwatch classify`'s output line: the post's identity, then its verdict, in contract order,
 * byte for byte what `JSON.stringify` of the detector's `Classification` gives. The verdict's
 * half is remembered for the verdicts used lately, since most posts of a stream repeat a text
 * seen shortly before; only the identity is written anew for each post. Two bounded
 * generations, not a WeakMap: a WeakMap kept every verdict's JSON as long as the detector kept
 * the verdict, and cost 160 MB on a stream that never repeats itself.
 */
import type { ContentVerdict } from '../detect/verdict-cache.js';
import type { Post } from '../records/post.js';

const GENERATION = 4096;

export class ClassificationLines {
  private recent = new Map<Readonly<ContentVerdict>, string>();
  private older = new Map<Readonly<ContentVerdict>, string>();

  line(post: Post, verdict: Readonly<ContentVerdict>): string {
    let tail = this.recent.get(verdict);
    if (tail === undefined) {
      tail =
        this.older.get(verdict) ??
        JSON.stringify({
          ad: verdict.ad,
          score: verdict.score,
          categories: verdict.categories,
          contacts: verdict.contacts,
          evidence: verdict.evidence,
        }).slice(1);
      if (this.recent.size >= GENERATION) {
        this.older = this.recent;
        this.recent = new Map();
      }
      this.recent.set(verdict, tail);
    }
    const lang = verdict.lang === null ? 'null' : quoted(verdict.lang);
    return (
      `{"id":${quoted(post.id)},"platform":${quoted(post.platform)},"account":${quoted(post.account)}` +
      `,"createdAt":${quoted(post.createdAt)},"lang":${lang},"hashtags":${quotedList(post.hashtags)},${tail}`
    );
  }
}

/**
 * A string as JSON. Hand-written for the common case only (no character JSON escapes), since
 * a `JSON.stringify` call per short field cost twice as much; anything else goes to it.
 */
function quoted(text: string): string {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x20 || code === 0x22 || code === 0x5c || (code >= 0xd800 && code <= 0xdfff)) {
      return JSON.stringify(text);
    }
  }
  return `"${text}"`;
}

function quotedList(texts: readonly string[]): string {
  if (texts.length === 0) return '[]';
  let out = `[${quoted(texts[0] as string)}`;
  for (let index = 1; index < texts.length; index++) out += `,${quoted(texts[index] as string)}`;
  return `${out}]`;
}
