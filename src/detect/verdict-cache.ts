/**
 * Verdicts remembered by everything a verdict depends on, so that a text seen again is not
 * analyzed again. Streams repeat themselves: sellers paste one ad across accounts and hours,
 * retweets and bot spam carry the same text, and an operation's replacement account posts its
 * predecessor's words. The verdict is a pure function of what is fingerprinted here, so a hit
 * gives the same answer a fresh analysis would.
 *
 * Hand-written (two open-addressing tables of fingerprints, about a hundred lines): the bound
 * is what matters, not recency to the entry, and the LRU packages on npm pay for exact recency on
 * every hit and keep their keys. Keys are 64-bit fingerprints of the content (`Fingerprinter`),
 * not the texts: a `Map` keyed by the text kept every text alive and hashed and compared it
 * anew at each lookup, which cost as much as reading the post. A lookup meets another
 * content's fingerprint with probability n/2⁶⁴ among the n held: one wrong verdict in about
 * 10¹⁴ posts when the cache is at its largest (131,072 contents).
 */
import { Fingerprinter } from '../fingerprint.js';
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

/** Table slots for a generation of `capacity` verdicts: a power of two, at most half full. */
function slotsFor(capacity: number): number {
  let size = 2;
  while (size < capacity * 2) size <<= 1;
  return size;
}

/** A generation's verdicts and the open-addressing table that finds them by fingerprint. */
class Generation {
  /** Per slot: the fingerprint's two halves and the verdict's index + 1 (0: empty). */
  private readonly slots: Uint32Array;
  private readonly mask: number;
  readonly verdicts: ContentVerdict[] = [];

  constructor(capacity: number) {
    this.slots = new Uint32Array(slotsFor(capacity) * 3);
    this.mask = slotsFor(capacity) - 1;
  }

  /** Whether the table is of the size for this many verdicts (neither too small nor too large). */
  fits(capacity: number): boolean {
    return this.mask + 1 === slotsFor(capacity);
  }

  get(first: number, second: number): ContentVerdict | undefined {
    const index = this.slots[this.slotOf(first, second) + 2] as number;
    return index === 0 ? undefined : this.verdicts[index - 1];
  }

  set(first: number, second: number, verdict: ContentVerdict): void {
    const at = this.slotOf(first, second);
    const index = this.slots[at + 2] as number;
    if (index !== 0) {
      this.verdicts[index - 1] = verdict;
      return;
    }
    this.slots[at] = first;
    this.slots[at + 1] = second;
    this.verdicts.push(verdict);
    this.slots[at + 2] = this.verdicts.length;
  }

  /** Where the fingerprint is in the table, or the empty slot where it would go. */
  private slotOf(first: number, second: number): number {
    for (let slot = first & this.mask; ; slot = (slot + 1) & this.mask) {
      const at = slot * 3;
      if (this.slots[at + 2] === 0) return at;
      if (this.slots[at] === first && this.slots[at + 1] === second) return at;
    }
  }

  clear(): void {
    this.slots.fill(0);
    this.verdicts.length = 0;
  }
}

/**
 * Contents a generation holds at first and at most. A stream that never repeats itself keeps
 * the smallest (each verdict held costs about 650 bytes); one whose texts come back after long
 * gaps earns the largest.
 */
const MIN_CAPACITY = 32768;
const MAX_CAPACITY = 65536;

export class VerdictCache {
  private recent: Generation;
  private older: Generation;
  private capacity: number;
  /** Verdicts found in the older generation since the recent one began. */
  private foundInOlder = 0;
  private readonly fingerprint = new Fingerprinter();

  /**
   * Holds up to two generations, the recent one and the one before, of `minCapacity` to
   * `maxCapacity` contents each.
   */
  constructor(
    private readonly minCapacity = MIN_CAPACITY,
    private readonly maxCapacity = Math.max(minCapacity, MAX_CAPACITY),
  ) {
    this.capacity = minCapacity;
    this.recent = new Generation(minCapacity);
    this.older = new Generation(minCapacity);
  }

  get(post: PostContent): ContentVerdict | undefined {
    const { first, second } = this.fingerprintOf(post);
    const found = this.recent.get(first, second);
    if (found !== undefined) return found;
    const old = this.older.get(first, second);
    if (old !== undefined) {
      this.foundInOlder++;
      this.add(first, second, old);
    }
    return old;
  }

  set(post: PostContent, verdict: ContentVerdict): void {
    const { first, second } = this.fingerprintOf(post);
    this.add(first, second, verdict);
  }

  clear(): void {
    this.recent.clear();
    this.older.clear();
    this.foundInOlder = 0;
  }

  private add(first: number, second: number, verdict: ContentVerdict): void {
    if (this.recent.verdicts.length >= this.capacity) this.startGeneration();
    this.recent.set(first, second, verdict);
  }

  /**
   * The older generation is dropped and a new one begun. Its size follows what the older one
   * was worth: many verdicts found there mean texts come back after longer gaps than two
   * generations cover; almost none, that the stream does not repeat itself at that distance.
   */
  private startGeneration(): void {
    if (this.foundInOlder * 16 >= this.capacity) {
      this.capacity = Math.min(this.maxCapacity, this.capacity * 2);
    } else if (this.foundInOlder * 256 < this.capacity) {
      this.capacity = Math.max(this.minCapacity, this.capacity / 2);
    }
    this.foundInOlder = 0;
    const emptied = this.older;
    this.older = this.recent;
    if (emptied.fits(this.capacity)) {
      emptied.clear();
      this.recent = emptied;
    } else {
      this.recent = new Generation(this.capacity);
    }
  }

  private fingerprintOf(post: PostContent): Fingerprinter {
    const fingerprint = this.fingerprint.start().add(post.platform).add(post.text);
    if (post.lang === null) fingerprint.addNull();
    else fingerprint.add(post.lang);
    // Counts first: hashtags `a`,`b` with no url differ from hashtag `a` and url `b`.
    fingerprint.addCount(post.hashtags.length).addCount(post.urls.length);
    for (const tag of post.hashtags) fingerprint.add(tag);
    for (const url of post.urls) fingerprint.add(url);
    return fingerprint.finish();
  }
}
