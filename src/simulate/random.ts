/**
 * A seeded pseudo-random generator, so that one seed gives byte-identical streams everywhere.
 * Hand-written: sfc32 (Chris Doty-Humphrey's small fast counter) is twelve lines, passes
 * PractRand, and a dependency would add nothing but a name.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d = 1;

  constructor(seed: number | string) {
    // Spread the seed over the state with a string hash, then warm up.
    let hash = 1779033703 ^ String(seed).length;
    for (const char of String(seed)) {
      hash = Math.imul(hash ^ char.charCodeAt(0), 3432918353);
      hash = (hash << 13) | (hash >>> 19);
    }
    const next = () => {
      hash = Math.imul(hash ^ (hash >>> 16), 2246822507);
      hash = Math.imul(hash ^ (hash >>> 13), 3266489909);
      hash ^= hash >>> 16;
      return hash >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    for (let index = 0; index < 15; index++) this.next();
  }

  /** A float in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** An exponential wait with the given mean. */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let index = out.length - 1; index > 0; index--) {
      const other = Math.floor(this.next() * (index + 1));
      [out[index], out[other]] = [out[other] as T, out[index] as T];
    }
    return out;
  }

  /** Several distinct items. */
  sample<T>(items: readonly T[], count: number): T[] {
    return this.shuffle(items).slice(0, Math.min(count, items.length));
  }

  /** A child generator: independent streams for independent parts of the world. */
  fork(label: string): Random {
    return new Random(`${this.int(0, 2 ** 31)}:${label}`);
  }
}
