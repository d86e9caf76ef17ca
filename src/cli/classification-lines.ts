/**
 * `tagwatch classify`'s output line: the post's identity, then its verdict, in contract order,
 * byte for byte what `JSON.stringify` of the detector's `Classification` gives. Most posts of a
 * stream repeat a text seen shortly before and share its verdict, so the verdict's half of the
 * line is kept for a verdict seen a second time; only the identity is written anew each time.
 * A verdict seen once keeps only a mark: holding the JSON of every verdict, as a WeakMap did,
 * cost 160 MB on a stream that never repeats itself.
 */
import type { ContentVerdict } from '../detect/verdict-cache.js';
import type { Post } from '../records/post.js';

/** As many verdicts as the detector's cache holds in its smallest generation. */
const GENERATION = 32768;
const SEEN_ONCE = '';

export class ClassificationLines {
  private recent = new Map<Readonly<ContentVerdict>, string>();
  private older = new Map<Readonly<ContentVerdict>, string>();

  line(post: Post, verdict: Readonly<ContentVerdict>): string {
    let tail = this.recent.get(verdict);
    if (tail === undefined || tail === SEEN_ONCE) {
      const old = tail === undefined ? this.older.get(verdict) : undefined;
      const seenBefore = tail === SEEN_ONCE || old !== undefined;
      tail = old || verdictJson(verdict);
      this.remember(verdict, seenBefore ? tail : SEEN_ONCE);
    }
    const lang = verdict.lang === null ? 'null' : quoted(verdict.lang);
    return (
      `{"id":${quoted(post.id)},"platform":${quoted(post.platform)},"account":${quoted(post.account)}` +
      `,"createdAt":${quoted(post.createdAt)},"lang":${lang},"hashtags":${quotedList(post.hashtags)},${tail}`
    );
  }

  private remember(verdict: Readonly<ContentVerdict>, tail: string): void {
    if (this.recent.size >= GENERATION && !this.recent.has(verdict)) {
      this.older = this.recent;
      this.recent = new Map();
    }
    this.recent.set(verdict, tail);
  }
}

/** The verdict's fields of the line, without the opening brace. */
function verdictJson(verdict: Readonly<ContentVerdict>): string {
  return JSON.stringify({
    ad: verdict.ad,
    score: verdict.score,
    categories: verdict.categories,
    contacts: verdict.contacts,
    evidence: verdict.evidence,
  }).slice(1);
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
