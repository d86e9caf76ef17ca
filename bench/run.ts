/**
 * `npm run bench`: makes the inputs once (cached), runs each benchmark in a child process,
 * and rewrites BENCHMARKS.md with the machine, the date, the figures and each one's ratio to
 * its floor, a bare `JSON.parse` of the same lines. Each run of a benchmark follows a floor run
 * of its own, and the ratio is the median of those pairs: a shared machine's speed drifts by
 * 15 % within minutes, so a floor measured once at the start made ratios drift with it.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, openSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { BENCH_DAYS, BENCH_SEED, distinctTextFile, xStreamFile } from './inputs.js';

const POSTS = Number(process.env.TAGWATCH_BENCH_POSTS ?? 1_000_000);
const CHILD = new URL('./measure-child.js', import.meta.url).pathname;

interface Measure {
  wallMs: number;
  maxRssMb: number;
  lines: number;
}

function measure(args: string[]): Promise<Measure> {
  return new Promise((resolve, reject) => {
    const devNull = openSync('/dev/null', 'w');
    const child = spawn(process.execPath, [CHILD, ...args], { stdio: ['ignore', devNull, 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const last = stderr.trim().split('\n').at(-1) ?? '';
      try {
        resolve(JSON.parse(last) as Measure);
      } catch {
        reject(new Error(`benchmark child failed (exit ${code}): ${stderr.slice(-2000)}`));
      }
    });
  });
}

interface Paired {
  /** The fastest run: the machine's other work only ever slows a run down. */
  best: Measure;
  /** The median over runs of the run's time over the floor run just before it. */
  ratio: number;
  /** The fastest of the floor runs. */
  floor: Measure;
}

/** Runs the benchmark `runs` times, each right after a floor run on the same input. */
async function paired(floorInput: string, args: string[], runs: number): Promise<Paired> {
  let best: Measure | undefined;
  let floor: Measure | undefined;
  const ratios: number[] = [];
  for (let run = 0; run < runs; run++) {
    const floorRun = await measure(['floor', floorInput]);
    const result = await measure(args);
    ratios.push(result.wallMs / floorRun.wallMs);
    if (!best || result.wallMs < best.wallMs) best = result;
    if (!floor || floorRun.wallMs < floor.wallMs) floor = floorRun;
  }
  ratios.sort((a, b) => a - b);
  return {
    best: best as Measure,
    floor: floor as Measure,
    ratio: ratios[Math.floor((ratios.length - 1) / 2)] as number,
  };
}

interface Row {
  benchmark: string;
  figure: string;
  peakMb: number;
  ratio: number;
  target: string;
}

async function main(): Promise<void> {
  const runs = Number(process.env.TAGWATCH_BENCH_RUNS ?? 3);
  process.stderr.write(
    `bench: preparing a ${POSTS.toLocaleString('en')}-post X filtered stream…\n`,
  );
  const input = await xStreamFile(POSTS);
  const sizeMb = statSync(input.path).size / 1e6;
  const rows: Row[] = [];
  let floor: Measure | undefined;
  const run = async (what: string, args: string[], times: number): Promise<Paired> => {
    process.stderr.write(`bench: ${what}, each run after a floor run…\n`);
    const result = await paired(input.path, args, times);
    if (!floor || result.floor.wallMs < floor.wallMs) floor = result.floor;
    return result;
  };
  const add = (benchmark: string, result: Paired, figure: string, target: string) =>
    rows.push({ benchmark, figure, peakMb: result.best.maxRssMb, ratio: result.ratio, target });

  const posts = await run('tagwatch posts', ['cli', 'posts', '--quiet', input.path], runs);
  add(
    'tagwatch posts, X filtered stream',
    posts,
    `${rate(POSTS, posts.best.wallMs)} posts/s`,
    'ratio ≤ 2, peak < 200 MB',
  );

  const classify = await run('tagwatch classify', ['cli', 'classify', '--quiet', input.path], runs);
  add(
    'tagwatch classify, X filtered stream (one core)',
    classify,
    `${rate(POSTS, classify.best.wallMs)} posts/s`,
    '≥ 50,000 posts/s, aiming for 100,000',
  );
  const distinct = await distinctTextFile(POSTS);
  const classifyDistinct = await run(
    'tagwatch classify, every text distinct',
    ['cli', 'classify', '--quiet', distinct.path],
    runs,
  );
  add(
    'tagwatch classify, the same stream with every text distinct (one core)',
    classifyDistinct,
    `${rate(POSTS, classifyDistinct.best.wallMs)} posts/s`,
    'no verdict reused: the cost of a stream that never repeats itself',
  );

  const storeDir = mkdtempSync(join(tmpdir(), 'tagwatch-bench-store-'));
  const storePath = join(storeDir, 'bench.sqlite');
  const scan = await run(
    'tagwatch scan into a fresh store',
    ['cli', 'scan', '--quiet', '--db', storePath, input.path],
    1,
  );
  const storeMb = statSync(storePath).size / 1e6;
  const networks = await run(
    'tagwatch networks on that store',
    ['cli', 'networks', '--json', '--db', storePath],
    1,
  );
  // The first call saved its index in the store; the next ones start from it.
  const networksAgain = await run(
    'tagwatch networks again',
    ['cli', 'networks', '--json', '--db', storePath],
    runs,
  );
  rmSync(storeDir, { recursive: true, force: true });
  add(
    `tagwatch scan into a fresh SQLite store (${storeMb.toFixed(0)} MB)`,
    scan,
    `${rate(POSTS, scan.best.wallMs)} posts/s`,
    '≥ 20,000 posts/s end to end',
  );
  add(
    `tagwatch networks over the ${POSTS.toLocaleString('en')} scanned posts`,
    networks,
    `${(networks.best.wallMs / 1000).toFixed(1)} s`,
    '< 60 s, < 2 GB',
  );
  add(
    'tagwatch networks again, from the index the first call saved in the store',
    networksAgain,
    `${(networksAgain.best.wallMs / 1000).toFixed(1)} s`,
    'new posts folded in, old ones not read again',
  );

  const scratch = mkdtempSync(join(tmpdir(), 'tagwatch-bench-'));
  const simulated = await run(
    'tagwatch simulate',
    [
      'cli',
      'simulate',
      '--posts',
      String(POSTS),
      '--seed',
      BENCH_SEED,
      '--days',
      String(BENCH_DAYS),
      '--out',
      scratch,
    ],
    1,
  );
  rmSync(scratch, { recursive: true, force: true });
  add(
    'tagwatch simulate, X filtered stream and truth',
    simulated,
    `${rate(POSTS, simulated.best.wallMs)} posts/s (${(simulated.best.wallMs / 1000).toFixed(1)} s)`,
    '1,000,000 posts in < 60 s',
  );

  const fastestFloor = floor as Measure;
  rows.unshift({
    benchmark: 'floor: read + JSON.parse, X filtered stream (fastest of all floor runs)',
    figure: `${rate(fastestFloor.lines, fastestFloor.wallMs)} lines/s`,
    peakMb: fastestFloor.maxRssMb,
    ratio: 1,
    target: '',
  });
  writeReport(rows, {
    input: `${POSTS.toLocaleString('en')} posts, ${sizeMb.toFixed(0)} MB, made by ${input.source}`,
    runs,
  });
  for (const row of rows) {
    process.stderr.write(
      `  ${row.benchmark}: ${row.figure}, peak ${row.peakMb.toFixed(0)} MB, ×${row.ratio.toFixed(2)}\n`,
    );
  }
}

function rate(count: number, ms: number): string {
  return Math.round((count / ms) * 1000).toLocaleString('en');
}

function writeReport(rows: Row[], meta: { input: string; runs: number }): void {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const lines = [
    '# Benchmarks',
    '',
    'Written by `npm run bench`; do not edit by hand. Each figure is the best of',
    `${meta.runs} runs (scan, the first networks call and simulate: one), each run a process of`,
    'its own made right after a floor run (reading the same lines and `JSON.parse` of each,',
    "nothing else); the ratio is the median over its runs of the run's time over that floor run's,",
    "so that a drift in the machine's speed between benchmarks does not move it.",
    '',
    `- Date: ${new Date().toISOString()}`,
    `- Machine: ${cpu}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; Node.js ${process.version}`,
    `- Input: ${meta.input}`,
    '',
    '| benchmark | throughput | peak memory | ratio to floor | target |',
    '|---|---|---|---|---|',
    ...rows.map(
      (row) =>
        `| ${row.benchmark} | ${row.figure} | ${row.peakMb.toFixed(0)} MB | ${row.ratio.toFixed(2)} | ${row.target} |`,
    ),
    '',
  ];
  writeFileSync('BENCHMARKS.md', lines.join('\n'));
}

await main();
