import type { z } from 'zod';

/** One line a reviewer can act on, from a zod failure: the first problem and where it is. */
export function describeSchemaError(error: z.ZodError): string {
  const first = error.issues[0];
  if (!first) return 'record does not match the expected shape';
  const path = first.path.length > 0 ? first.path.map(String).join('.') : 'record';
  // zod words a missing field as a type error; say what a reader of the data needs.
  const problem = /received undefined$/.test(first.message) ? 'missing' : first.message;
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problems)` : '';
  return `${path}: ${problem}${more}`;
}

/**
 * Normalizes a platform timestamp to the ISO instant the canonical record uses.
 * Returns null for anything `Date` cannot read, so callers report it instead of storing garbage.
 */
const CANONICAL_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

export function toIsoInstant(value: string | number): string | null {
  // Most platforms already write this exact form; skip the parse and reformat for them.
  if (typeof value === 'string' && CANONICAL_INSTANT.test(value)) {
    const month = Number(value.slice(5, 7));
    const day = Number(value.slice(8, 10));
    if (month >= 1 && month <= 12 && day >= 1 && day <= 31 && Number(value.slice(11, 13)) < 24) {
      return value;
    }
  }
  const date = new Date(value);
  const time = date.getTime();
  if (Number.isNaN(time)) return null;
  return date.toISOString();
}

/** Platform language codes that mean "no language" (X: `und`, `zxx`, `qme`...; BCP 47: `und`). */
const NO_LANGUAGE = new Set(['und', 'zxx', 'qme', 'qht', 'qam', 'qct', 'qst', 'mul']);

export function normalizeLanguage(code: string | null | undefined): string | null {
  if (!code) return null;
  const lower = code.toLowerCase();
  return NO_LANGUAGE.has(lower) ? null : lower;
}
