/**
 * Benchmark inputs, made once with `tagwatch simulate` and cached under `.bench-cache/`
 * (ignored by git): the same seed always gives the same stream.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { simulate } from '../src/simulate/simulate.js';

export const CACHE_DIR = '.bench-cache';
export const BENCH_SEED = 'bench-1';
export const BENCH_DAYS = 30;

export async function xStreamFile(posts: number): Promise<{ path: string; source: string }> {
  const directory = join(CACHE_DIR, `x-stream-${posts}`);
  const path = join(directory, 'stream.jsonl');
  const source = `tagwatch simulate --posts ${posts} --seed ${BENCH_SEED} --days ${BENCH_DAYS}`;
  if (existsSync(path)) return { path, source };
  const partial = `${directory}.partial`;
  rmSync(partial, { recursive: true, force: true });
  await simulate({ posts, seed: BENCH_SEED, days: BENCH_DAYS, out: partial, format: 'x-stream' });
  rmSync(directory, { recursive: true, force: true });
  renameSync(partial, directory);
  return { path, source };
}
