import type { Command } from 'commander';
import { SIMULATED_FORMATS, type SimulatedFormat } from '../simulate/format-writers.js';
import { simulate } from '../simulate/simulate.js';
import { UsageError } from './usage-error.js';

interface SimulateFlags {
  posts: string;
  seed: string;
  days: string;
  out: string;
  format: string;
}

function positiveInteger(value: string, flag: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1)
    throw new UsageError(`${flag} must be a whole number of at least 1, not "${value}"`);
  return number;
}

export function registerSimulateCommand(program: Command): void {
  program
    .command('simulate')
    .description(
      'write a realistic synthetic stream (sellers hijacking hashtags, suspended accounts replaced) with its ground truth',
    )
    .requiredOption('--posts <n>', 'exactly how many posts to write')
    .option('--seed <s>', 'the same seed and arguments give byte-identical files', '1')
    .option('--days <d>', 'how many days the stream covers (from 2021-01-04)', '30')
    .requiredOption('--out <dir>', 'folder to write into (created if needed)')
    .option('--format <format>', `one of ${SIMULATED_FORMATS.join(', ')}`, 'x-stream')
    .action(async (flags: SimulateFlags) => {
      const posts = positiveInteger(flags.posts, '--posts');
      const days = positiveInteger(flags.days, '--days');
      if (!SIMULATED_FORMATS.includes(flags.format as SimulatedFormat)) {
        throw new UsageError(
          `--format must be one of ${SIMULATED_FORMATS.join(', ')}, not "${flags.format}"`,
        );
      }
      const started = performance.now();
      const showProgress = process.stderr.isTTY === true;
      const summary = await simulate({
        posts,
        days,
        seed: flags.seed,
        out: flags.out,
        format: flags.format as SimulatedFormat,
        onProgress: showProgress
          ? (written) => {
              if (written % 65536 < 1024)
                process.stderr.write(
                  `\rtagwatch: ${written.toLocaleString('en')} of ${posts.toLocaleString('en')} posts`,
                );
            }
          : undefined,
      });
      if (showProgress) process.stderr.write('\r\x1b[K');
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      process.stderr.write(
        `tagwatch: wrote ${summary.posts} posts (${summary.ads} ads by ${summary.operations} operations; ${summary.accounts} accounts, ${summary.successions} replacements) as ${flags.format} in ${flags.out} in ${seconds}s\n`,
      );
    });
}
