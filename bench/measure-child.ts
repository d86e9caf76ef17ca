/**
 * One measured run in a process of its own, so that peak memory is that run's alone.
 * `floor FILE`: read the lines and `JSON.parse` each, nothing else (the cost no reader avoids).
 * `cli ARGS...`: the tagwatch command line itself, its stdout sent where the parent says.
 * Prints `{"wallMs", "maxRssMb", "lines"}` as the last line on stderr.
 */

import { readLineBatches } from '../src/ingest/source-files.js';

async function floor(file: string): Promise<number> {
  let lines = 0;
  for await (const batch of readLineBatches(file)) {
    for (const line of batch) {
      if (line.length === 0) continue;
      JSON.parse(line);
      lines++;
    }
  }
  return lines;
}

const [mode, ...args] = process.argv.slice(2);
const started = performance.now();
let lines = 0;
if (mode === 'floor' && args[0]) {
  lines = await floor(args[0]);
} else if (mode === 'cli') {
  const { runCli } = await import('../src/cli/main.js');
  process.exitCode = await runCli(['node', 'tagwatch', ...args]);
} else {
  throw new Error('usage: measure-child floor FILE | cli ARGS...');
}
const wallMs = performance.now() - started;
const maxRssMb = process.resourceUsage().maxRSS / 1024;
process.stderr.write(`\n${JSON.stringify({ wallMs, maxRssMb, lines })}\n`);
