/**
 * Benchmark inputs, made once with `tagwatch simulate` and cached under `.bench-cache/`
 * (ignored by git): the same seed always gives the same stream.
 */

import { once } from 'node:events';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
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

/**
 * The same stream with every text made unique by a made-up closing word, so that no verdict
 * can be reused: the cost of a stream whose posts never repeat one another.
 */
export async function distinctTextFile(posts: number): Promise<{ path: string; source: string }> {
  const stream = await xStreamFile(posts);
  const directory = join(CACHE_DIR, `x-stream-${posts}-distinct`);
  const path = join(directory, 'stream.jsonl');
  const source = `${stream.source}, each text ending in a word of its own`;
  if (existsSync(path)) return { path, source };
  const partial = `${directory}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  const out = createWriteStream(join(partial, 'stream.jsonl'));
  let index = 0;
  for await (const line of createInterface({ input: createReadStream(stream.path) })) {
    if (line === '') continue;
    const record = JSON.parse(line) as { data: { text: string } };
    record.data.text += ` qx${lettersOf(index++)}`;
    if (!out.write(`${JSON.stringify(record)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  rmSync(directory, { recursive: true, force: true });
  renameSync(partial, directory);
  return { path, source };
}

/** A number written in letters only (`a`, `b`, … `ba`…): a word no lexicon or contact rule reads. */
function lettersOf(value: number): string {
  let word = '';
  let rest = value;
  do {
    word = String.fromCharCode(97 + (rest % 26)) + word;
    rest = Math.floor(rest / 26);
  } while (rest > 0);
  return word;
}
