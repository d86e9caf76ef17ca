import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SAMPLE_DIR = join(PROJECT_ROOT, 'examples/sample');
export const FIXTURES_DIR = join(PROJECT_ROOT, 'test/fixtures');

/** `../shared` beside the checkout: present on CI, absent in a bare clone. */
export const SHARED_DIR = resolve(PROJECT_ROOT, '../shared');
export const DEV_SET_DIR = join(SHARED_DIR, 'data/dev');
export const TWITTER_TEXT_SUITE = join(SHARED_DIR, 'data/external/twitter-text/extract.yml');

/** Vitest's skip reason for tests that need a part of `../shared`, or null when it is there. */
export function missingShared(path: string): string | null {
  if (existsSync(path)) return null;
  const reason = `skipped: ${path} is absent (it sits beside the checkout on CI)`;
  console.warn(`tagwatch tests: ${reason}`);
  return reason;
}
