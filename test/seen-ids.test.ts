import { describe, expect, it } from 'vitest';
import { SeenIds } from '../src/ingest/seen-ids.js';

describe('SeenIds', () => {
  it('accepts each id once, across growth from a tiny table', () => {
    const seen = new SeenIds(2);
    const ids = Array.from(
      { length: 50_000 },
      (_, index) => `x:${1349000000000000000n + BigInt(index)}`,
    );
    expect(ids.every((id) => seen.add(id))).toBe(true);
    expect(seen.size).toBe(50_000);
    expect(ids.some((id) => seen.add(id))).toBe(false);
    expect(seen.add('x:1')).toBe(true);
    expect(seen.size).toBe(50_001);
  });

  it('tells apart ids that differ in one character or only in length', () => {
    const seen = new SeenIds();
    for (const id of ['telegram:1/2', 'telegram:1/20', 'telegram:12/0', 'telegram:1/3', '']) {
      expect(seen.add(id)).toBe(true);
    }
  });
});
