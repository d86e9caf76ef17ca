/**
 * `tagwatch classify`'s output line: the post's identity, then its verdict, in contract order,
 * byte for byte what `JSON.stringify` of the detector's `Classification` gives. Most posts of a
 * stream repeat a text seen shortly before and share its verdict, so the verdict's half of the
 * line is kept, encoded as UTF-8, for a verdict seen a second time; only the identity is encoded
 * anew each time.
 * A verdict seen once keeps only a mark: holding the JSON of every verdict, as a WeakMap did,
 * cost 160 MB on a stream that never repeats itself.
 */
import type { ContentVerdict } from '../detect/verdict-cache.js';
import type { Post } from '../records/post.js';
import type { LineWriter } from './line-writer.js';

/** As many verdicts as the detector's cache holds in its smallest generation. */
const GENERATION = 32768;
const SEEN_ONCE = 0;
const ID = Buffer.from('{"id":');
const PLATFORM = Buffer.from(',"platform":');
const ACCOUNT = Buffer.from(',"account":');
const CREATED_AT = Buffer.from(',"createdAt":');
const LANG = Buffer.from(',"lang":');
const HASHTAGS = Buffer.from(',"hashtags":');
const AFTER_HASHTAGS = Buffer.from(',');

export class ClassificationLines {
  private recent = new Map<Readonly<ContentVerdict>, Uint8Array | typeof SEEN_ONCE>();
  private older = new Map<Readonly<ContentVerdict>, Uint8Array | typeof SEEN_ONCE>();

  /** Appends the post's line to `out`. */
  write(out: LineWriter, post: Post, verdict: Readonly<ContentVerdict>): void {
    out.bytes(ID);
    out.jsonString(post.id);
    out.bytes(PLATFORM);
    out.jsonString(post.platform);
    out.bytes(ACCOUNT);
    out.jsonString(post.account);
    out.bytes(CREATED_AT);
    out.jsonString(post.createdAt);
    out.bytes(LANG);
    out.jsonStringOrNull(verdict.lang);
    out.bytes(HASHTAGS);
    out.jsonStringList(post.hashtags);
    out.bytes(AFTER_HASHTAGS);
    let tail = this.recent.get(verdict);
    if (tail === undefined) {
      const old = this.older.get(verdict);
      if (old === undefined) {
        this.remember(verdict, SEEN_ONCE);
        out.text(verdictJson(verdict));
        out.newline();
        return;
      }
      tail = old === SEEN_ONCE ? Buffer.from(verdictJson(verdict)) : old;
      this.remember(verdict, tail);
    } else if (tail === SEEN_ONCE) {
      tail = Buffer.from(verdictJson(verdict));
      this.remember(verdict, tail);
    }
    out.bytes(tail);
    out.newline();
  }

  private remember(verdict: Readonly<ContentVerdict>, tail: Uint8Array | typeof SEEN_ONCE): void {
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
