/**
 * Benchmark inputs, made once and cached under `.bench-cache/` (ignored by git).
 * Until `tagwatch simulate` exists, the X filtered stream is the dev set's X posts replayed
 * with fresh ids (or the bundled sample's, where `../shared` is absent).
 */

import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';

export const CACHE_DIR = '.bench-cache';

const TEMPLATE_SOURCES = [
  '../shared/data/dev/posts/x/filtered-stream.jsonl',
  'examples/sample/x/filtered-stream.jsonl',
];

export async function xStreamFile(posts: number): Promise<{ path: string; source: string }> {
  const source = TEMPLATE_SOURCES.find((candidate) => existsSync(candidate));
  if (!source) throw new Error('no X filtered-stream file to replay');
  mkdirSync(CACHE_DIR, { recursive: true });
  const tag = source.startsWith('../shared') ? 'dev' : 'sample';
  const path = join(CACHE_DIR, `x-stream-${tag}-${posts}.jsonl`);
  if (existsSync(path)) return { path, source };

  const templates = readFileSync(source, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as { data: Record<string, unknown> });
  const partial = `${path}.partial`;
  const out = createWriteStream(partial);
  const firstId = 1400000000000000000n;
  for (let index = 0; index < posts; index++) {
    const template = templates[index % templates.length] as { data: Record<string, unknown> };
    const id = String(firstId + BigInt(index));
    const line = JSON.stringify({
      ...template,
      data: { ...template.data, id, conversation_id: id, edit_history_tweet_ids: [id] },
    });
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  renameSync(partial, path);
  return { path, source };
}
