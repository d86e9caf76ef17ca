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
    return (
      `{"id":${JSON.stringify(post.id)},"platform":${JSON.stringify(post.platform)}` +
      `,"account":${JSON.stringify(post.account)},"createdAt":${JSON.stringify(post.createdAt)}` +
      `,"lang":${JSON.stringify(verdict.lang)},"hashtags":${JSON.stringify(post.hashtags)},${tail}`
    );
  }
}
