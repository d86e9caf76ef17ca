/**
 * `tagwatch classify`'s output line: the post's identity, then its verdict, in contract order,
 * byte for byte what `JSON.stringify` of the detector's `Classification` gives. The verdict's
 * half is serialized once per shared verdict, since most posts of a stream repeat a text seen
 * shortly before; only the identity is written anew for each post.
 */
import type { ContentVerdict } from '../detect/verdict-cache.js';
import type { Post } from '../records/post.js';

export class ClassificationLines {
  private readonly verdictJson = new WeakMap<Readonly<ContentVerdict>, string>();

  line(post: Post, verdict: Readonly<ContentVerdict>): string {
    let tail = this.verdictJson.get(verdict);
    if (tail === undefined) {
      tail = JSON.stringify({
        ad: verdict.ad,
        score: verdict.score,
        categories: verdict.categories,
        contacts: verdict.contacts,
        evidence: verdict.evidence,
      }).slice(1);
      this.verdictJson.set(verdict, tail);
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
