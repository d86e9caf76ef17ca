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
  // Most platforms already write this exact form; skip the parse and reformat for them.
  if (typeof value === 'string' && isCanonicalInstant(value)) return value;
  const date = new Date(value);
  const time = date.getTime();
  if (Number.isNaN(time)) return null;
  return date.toISOString();
}

/** `YYYY-MM-DDTHH:MM:SS.mmmZ`, where `d` stands for a digit. */
const CANONICAL_SHAPE = 'dddd-dd-ddTdd:dd:dd.dddZ';
const DIGIT = 0x64; // 'd'

/**
 * Whether the text is already a canonical instant with its fields in range. Checked by
 * character, without a regex or slices: it runs twice on each X post (tweet and author).
 */
function isCanonicalInstant(value: string): boolean {
  if (value.length !== CANONICAL_SHAPE.length) return false;
  for (let index = 0; index < CANONICAL_SHAPE.length; index++) {
    const code = value.charCodeAt(index);
    const expected = CANONICAL_SHAPE.charCodeAt(index);
    if (expected === DIGIT ? code < 0x30 || code > 0x39 : code !== expected) return false;
  }
  const twoDigits = (at: number) =>
    (value.charCodeAt(at) - 0x30) * 10 + value.charCodeAt(at + 1) - 0x30;
  const month = twoDigits(5);
  const day = twoDigits(8);
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= 31 &&
    twoDigits(11) < 24 &&
    twoDigits(14) < 60 &&
    twoDigits(17) < 60
  );
}

/** Platform language codes that mean "no language" (X: `und`, `zxx`, `qme`...; BCP 47: `und`). */
const NO_LANGUAGE = new Set(['und', 'zxx', 'qme', 'qht', 'qam', 'qct', 'qst', 'mul']);

export function normalizeLanguage(code: string | null | undefined): string | null {
  if (!code) return null;
  const lower = code.toLowerCase();
  return NO_LANGUAGE.has(lower) ? null : lower;
}
