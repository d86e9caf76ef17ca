/**
 * 64-bit fingerprints of strings, for tables that must not keep the strings themselves (every
 * post id read, every post content judged): two independent 32-bit FNV-1a variants over the
 * UTF-16 units. Two distinct keys share a fingerprint with probability about n²/2⁶⁵ among n
 * keys. Not for security.
 *
 * Hand-written: the hashes on npm either return strings or bigints (an allocation per key,
 * which costs more than the hashing) or are 32 bits only.
 */
export class Fingerprinter {
  /** The fingerprint's two halves, as unsigned 32-bit numbers; `second` is never 0. */
  first = 0;
  second = 0;
  private runningFirst = 0;
  private runningSecond = 0;

  /** Starts a new fingerprint. */
  start(): this {
    this.runningFirst = 0x811c9dc5;
    this.runningSecond = 0x01000193;
    return this;
  }

  /** Adds one string; its length is mixed in first, so that `ab`+`c` differs from `a`+`bc`. */
  add(text: string): this {
    this.addCount(text.length);
    let first = this.runningFirst;
    let second = this.runningSecond;
    for (let index = 0; index < text.length; index++) {
      const unit = text.charCodeAt(index);
      first = Math.imul(first ^ unit, 0x01000193);
      second = Math.imul(second ^ unit, 0x5bd1e995);
      second ^= second >>> 15;
    }
    this.runningFirst = first;
    this.runningSecond = second;
    return this;
  }

  /** Adds a count (of the strings that follow, say), a whole number below 2³¹ - 1. */
  addCount(count: number): this {
    this.runningFirst = Math.imul(this.runningFirst ^ count, 0x01000193);
    this.runningSecond = Math.imul(this.runningSecond ^ count, 0x5bd1e995);
    return this;
  }

  /** Adds a missing value, which differs from every string, the empty one included. */
  addNull(): this {
    return this.addCount(0x7fffffff);
  }

  /** Sets `first` and `second` from what was added. */
  finish(): this {
    this.first = this.runningFirst >>> 0;
    this.second = (this.runningSecond | 1) >>> 0; // never 0, so (0, 0) can mark an empty slot
    return this;
  }
}
