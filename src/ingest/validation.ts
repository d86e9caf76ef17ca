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
export function toIsoInstant(value: string | number): string | null {
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
