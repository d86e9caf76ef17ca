import { stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { defaultHijackRule, hashtagReports } from '../analyze/hashtags.js';
import { newIngestStats, readInputBatches } from '../ingest/read-inputs.js';
import { listInputFiles } from '../ingest/source-files.js';
import { openStore } from '../store/store.js';
import { addDetectorOptions, type DetectorFlags, detectorFromFlags } from './detector-options.js';
import { ingestExitCode, printIssue } from './ingest-report.js';
import { ScanProgress } from './scan-progress.js';

export function registerScanCommand(program: Command, setExitCode: (code: number) => void): void {
  const command = program
    .command('scan')
    .description(
      'read posts into the store, classify them and update every analysis (scanning the same input twice changes nothing)',
    )
    .requiredOption('--db <file>', 'the store: an SQLite file, created if missing')
    .option('-q, --quiet', 'no progress bar and no summary (problems are still reported)')
    .argument('<input...>', 'files and folders (read recursively; .gz files inflated)');
  addDetectorOptions(command).action(
    async (inputs: string[], options: DetectorFlags & { db: string; quiet?: boolean }) => {
      const started = performance.now();
      const detector = await detectorFromFlags(options);
      const store = await openStore(options.db);
      try {
        const files = await listInputFiles(inputs, () => {});
        let totalBytes = 0;
        for (const file of files) totalBytes += (await stat(file)).size;
        const progress = new ScanProgress(
          totalBytes,
          !options.quiet && process.stderr.isTTY === true,
        );
        const stats = newIngestStats();
        let added = 0;
        let addedAds = 0;
        const onIssue = (issue: Parameters<typeof printIssue>[0]) =>
          progress.interrupt(() => printIssue(issue));
        for await (const batch of readInputBatches(inputs, {
          onIssue,
          stats,
          onBytes: (bytes) => progress.read(bytes),
        })) {
          const known = store.knownIds(batch.map((item) => item.post.id));
          const fresh = batch.filter((item) => !known.has(item.post.id));
          await detector.prepare(fresh.map((item) => item.post));
          const items = fresh.map((ingested) => ({
            ingested,
            verdict: detector.classify(ingested.post),
          }));
          added += store.insert(items, detector.model.version);
          addedAds += items.filter((item) => item.verdict.ad).length;
          progress.posts(batch.length);
        }
        progress.stop();
        const seconds = (performance.now() - started) / 1000;
        if (!options.quiet) {
          const counts = await store.counts();
          const hijacked = hashtagReports(
            await store.hashtagWindows('day'),
            defaultHijackRule('day'),
          )
            .filter((report) => report.hijacked)
            .slice(0, 5)
            .map(
              (report) =>
                `#${report.tag} (${Math.round(report.adShare * 100)}% ads, hijacked since ${report.hijackedSince?.slice(0, 10)})`,
            );
          const lines = [
            `Scanned ${stats.posts} posts from ${stats.files} files in ${seconds.toFixed(1)} s (${Math.round(stats.posts / Math.max(seconds, 0.001))} posts/s):`,
            `${added} new (${addedAds} classified as ads), ${stats.posts - added} already stored` +
              (stats.duplicates > 0 ? `, ${stats.duplicates} duplicates in the input` : '') +
              (stats.skippedRecords + stats.fileProblems > 0
                ? `, ${stats.skippedRecords} records and ${stats.fileProblems} files skipped (see above)`
                : '') +
              '.',
            `${options.db} now holds ${counts.posts} posts, ${counts.ads} of them ads, from ${counts.accounts} accounts.`,
            hijacked.length > 0
              ? `Hijacked hashtags: ${hijacked.join(', ')}.`
              : 'No hashtag is hijacked.',
          ];
          process.stderr.write(`${lines.join(' ')}\n`);
        }
        setExitCode(ingestExitCode(stats));
      } finally {
        await store.close();
      }
    },
  );
}
