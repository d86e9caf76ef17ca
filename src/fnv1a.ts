/**
 * FNV-1a, 32 bits, over a string's UTF-16 units: a fast, stable hash for keys that must agree
 * across runs and machines (cross-validation folds, text shingles). Not for security.
 */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  }
  return hash >>> 0;
}
