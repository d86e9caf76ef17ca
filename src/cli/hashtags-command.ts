import type { Command } from 'commander';
import { defaultHijackRule, hashtagReports } from '../analyze/hashtags.js';
import type { WindowSize } from '../store/store.js';
import { openStore } from '../store/store.js';
import { UsageError } from './usage-error.js';

export function registerHashtagsCommand(program: Command): void {
  program
    .command('hashtags')
    .description(
      "each hashtag's share of sale ads per window, and whether sellers have hijacked it (most hijacked first)",
    )
    .requiredOption('--db <file>', 'the store written by `tagwatch scan`')
    .option('--json', 'a JSON array, one object per hashtag, with its windows')
    .option('--window <size>', 'day or hour', 'day')
    .option('--limit <n>', 'how many hashtags the table shows (JSON lists them all)', '25')
    .action(async (options: { db: string; json?: boolean; window: string; limit: string }) => {
      if (options.window !== 'day' && options.window !== 'hour') {
        throw new UsageError(`--window must be day or hour, not "${options.window}"`);
      }
      const size = options.window as WindowSize;
      const store = await openStore(options.db);
      try {
        const reports = hashtagReports(await store.hashtagWindows(size), defaultHijackRule(size));
        if (options.json) {
          process.stdout.write(`${JSON.stringify(reports)}\n`);
          return;
        }
        const rows = reports.slice(0, Number(options.limit) || 25);
        const lines = [
          `${'hashtag'.padEnd(24)} ${'posts'.padStart(7)} ${'ads'.padStart(7)} ${'ad share'.padStart(8)}  hijacked since`,
          ...rows.map(
            (report) =>
              `${`#${report.tag}`.slice(0, 24).padEnd(24)} ${String(report.posts).padStart(7)} ${String(report.ads).padStart(7)} ${`${Math.round(report.adShare * 100)}%`.padStart(8)}  ${report.hijacked ? (report.hijackedSince ?? '').slice(0, size === 'day' ? 10 : 16) : '-'}`,
          ),
        ];
        const hijacked = reports.filter((report) => report.hijacked).length;
        lines.push(
          '',
          `${hijacked} of ${reports.length} hashtags hijacked (a ${size} with ≥ ${defaultHijackRule(size).minPosts} posts, ≥ 50% ads and 30 points above the tag's own baseline).`,
        );
        process.stdout.write(`${lines.join('\n')}\n`);
      } finally {
        await store.close();
      }
    });
}
