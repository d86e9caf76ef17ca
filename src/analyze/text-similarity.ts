/**
 * Near-identical ad texts at scale: each text is reduced to what an operation keeps from one
 * copy to the next (words, without prices, numbers, emoji, hashtags or contacts), cut into
 * overlapping three-word shingles, summarized by a MinHash signature, and bucketed by
 * locality-sensitive hashing so that only texts likely to be similar are ever compared.
 *
 * Hand-written: MinHash and LSH are a few dozen lines, and the npm packages for them are either
 * unmaintained or bring their own hashing that is slower than this.
 */
import { normalizeText } from '../detect/normalize.js';
import { fnv1a } from '../fnv1a.js';
import { listAt } from '../multimap.js';

const HASHES = 64;
const BANDS = 16;
const ROWS = HASHES / BANDS;
const SHINGLE = 3;

/** Seeds of the hash functions, fixed so that signatures are comparable across runs. */
const SEEDS = Array.from(
  { length: HASHES },
  (_, index) => (Math.imul(index + 1, 0x9e3779b1) ^ 0x85ebca6b) >>> 0,
);

/** The words that make a text this operation's, in order: no numbers, emoji, tags or contacts. */
export function comparableWords(text: string, contacts: readonly { value: string }[]): string[] {
  let stripped = text.replace(/#[^\s#]+/gu, ' ').replace(/https?:\/\/\S+/giu, ' ');
  for (const contact of contacts) {
    if (contact.value.length >= 3) stripped = stripped.split(contact.value).join(' ');
  }
  return normalizeText(stripped).tokens.filter((token) => /^\p{L}{2,}$/u.test(token));
}

function mix(value: number, seed: number): number {
  let hash = (value ^ seed) >>> 0;
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}

export function shingles(words: readonly string[]): number[] {
  if (words.length < SHINGLE) return words.length > 0 ? [fnv1a(words.join(' '))] : [];
  const out = new Set<number>();
  for (let index = 0; index + SHINGLE <= words.length; index++) {
    out.add(fnv1a(words.slice(index, index + SHINGLE).join(' ')));
  }
  return [...out];
}

export function minhash(shingleHashes: readonly number[]): Uint32Array {
  const signature = new Uint32Array(HASHES).fill(0xffffffff);
  for (const shingle of shingleHashes) {
    for (let index = 0; index < HASHES; index++) {
      const value = mix(shingle, SEEDS[index] as number);
      if (value < (signature[index] as number)) signature[index] = value;
    }
  }
  return signature;
}

/** The share of equal positions: an estimate of the Jaccard similarity of the shingle sets. */
export function estimatedJaccard(a: Uint32Array, b: Uint32Array): number {
  let equal = 0;
  for (let index = 0; index < HASHES; index++) if (a[index] === b[index]) equal++;
  return equal / HASHES;
}

/**
 * Pairs of signatures (by index) that share at least one LSH band: with 16 bands of 4 rows,
 * texts of Jaccard 0.8 meet with probability 0.9998, texts of 0.3 with 0.12.
 */
export function candidatePairs(signatures: readonly Uint32Array[]): [number, number][] {
  const pairs = new Set<number>();
  const out: [number, number][] = [];
  for (let band = 0; band < BANDS; band++) {
    const buckets = new Map<string, number[]>();
    for (let index = 0; index < signatures.length; index++) {
      const signature = signatures[index] as Uint32Array;
      let key = `${band}`;
      for (let row = 0; row < ROWS; row++) key += `:${signature[band * ROWS + row]}`;
      listAt(buckets, key).push(index);
    }
    for (const bucket of buckets.values()) {
      if (bucket.length < 2) continue;
      // A bucket of hundreds is a generic phrase, not an operation's text: link along it only.
      const limit = Math.min(bucket.length, 200);
      for (let i = 0; i < limit; i++) {
        for (let j = i + 1; j < limit; j++) {
          const a = bucket[i] as number;
          const b = bucket[j] as number;
          const key = a * 4_194_304 + b;
          if (pairs.has(key)) continue;
          pairs.add(key);
          out.push([a, b]);
        }
      }
    }
  }
  return out;
}
