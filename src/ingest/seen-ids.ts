import { Fingerprinter } from '../fingerprint.js';

/**
 * The set of post ids already read, for deduplication across overlapping inputs.
 *
 * Hand-written because a `Set<string>` of a million ids costs ~70 MB and grows without bound
 * on multi-gigabyte inputs; this keeps a 64-bit fingerprint per id (`Fingerprinter`) in an
 * open-addressing table: 16 bytes an id at most. Two distinct ids share a fingerprint with
 * probability about n²/2⁶⁵ (3·10⁻⁸ for a million ids, 3·10⁻⁴ for a hundred million), the price
 * of flat memory; the store, which keeps ids exactly, is the authority on what was already
 * ingested.
 */
export class SeenIds {
  private slots: Uint32Array;
  private mask: number;
  private count = 0;
  private readonly fingerprint = new Fingerprinter();

  constructor(initialCapacity = 1 << 16) {
    let capacity = 1;
    while (capacity < initialCapacity) capacity <<= 1;
    this.slots = new Uint32Array(capacity * 2);
    this.mask = capacity - 1;
  }

  get size(): number {
    return this.count;
  }

  /** Adds the id; false if it was there already. */
  add(id: string): boolean {
    const { first, second } = this.fingerprint.start().add(id).finish();
    if (this.insert(first, second)) {
      this.count++;
      if (this.count * 2 > this.mask + 1) this.grow();
      return true;
    }
    return false;
  }

  private insert(first: number, second: number): boolean {
    let slot = first & this.mask;
    for (;;) {
      const at = slot * 2;
      const storedSecond = this.slots[at + 1];
      if (storedSecond === 0) {
        this.slots[at] = first;
        this.slots[at + 1] = second;
        return true;
      }
      if (storedSecond === second && this.slots[at] === first) return false;
      slot = (slot + 1) & this.mask;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    this.mask = (this.mask << 1) | 1;
    for (let at = 0; at < old.length; at += 2) {
      const second = old[at + 1] as number;
      if (second !== 0) this.insert(old[at] as number, second);
    }
  }
}
