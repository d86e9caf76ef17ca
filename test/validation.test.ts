/** Timestamps as the readers normalize them: canonical instants pass as written, others are parsed. */
import { describe, expect, it } from 'vitest';
import { toIsoInstant } from '../src/ingest/validation.js';

describe('toIsoInstant', () => {
  it('keeps a canonical instant as written', () => {
    const instant = '2021-01-04T00:00:01.854Z';
    expect(toIsoInstant(instant)).toBe(instant);
    expect(toIsoInstant('2020-02-29T23:59:59.999Z')).toBe('2020-02-29T23:59:59.999Z');
  });

  it('rewrites other forms of a time to the canonical one', () => {
    expect(toIsoInstant('2021-01-04T00:00:01Z')).toBe('2021-01-04T00:00:01.000Z');
    expect(toIsoInstant('2021-01-04T01:00:01.854+01:00')).toBe('2021-01-04T00:00:01.854Z');
    expect(toIsoInstant(1609718401854)).toBe('2021-01-04T00:00:01.854Z');
  });

  it('refuses what is no time, even in the canonical shape', () => {
    for (const value of [
      'yesterday',
      '2021-13-04T00:00:01.854Z',
      '2021-01-00T00:00:01.854Z',
      '2021-01-04T24:00:01.854Z',
      '2021-01-04T10:61:01.854Z',
      '2021-01-04T10:10:75.854Z',
      '2021-01-04T10:10:10.8a4Z',
    ]) {
      expect(toIsoInstant(value), value).toBeNull();
    }
  });
});
