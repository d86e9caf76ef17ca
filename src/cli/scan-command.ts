import { stat } from 'node:fs/promises';
import { cpus } from 'node:os';
import type { Command } from 'commander';
import { defaultHijackRule, hashtagReports } from '../analyze/hashtags.js';
import type { Classification } from '../detect/detector.js';
import type { IngestedPost } from '../ingest/read-inputs.js';
import { newIngestStats, readInputBatches } from '../ingest/read-inputs.js';
import { listInputFiles } from '../ingest/source-files.js';
import type { Post } from '../records/post.js';
import { openStore, type StoredItem } from '../store/store.js';
import {
  addDetectorOptions,
  type DetectorFlags,
  detectorFromFlags,
  detectorSettings,
} from './detector-options.js';
import { ingestExitCode, printIssue } from './ingest-report.js';
import { ScanProgress } from './scan-progress.js';
import { UsageError } from './usage-error.js';

interface Classifier {
  version: string;
  classify(posts: Post[]): Promise<Classification[]>;
  close(): Promise<void>;
}

/**
 * Worker threads where there are cores to spare (`--workers`, default one per core but one),
 * else the detector in this thread.
 */
async function startClassifier(options: DetectorFlags & { workers?: string }): Promise<Classifier> {
  const workers =
    options.workers === undefined ? Math.max(1, cpus().length - 1) : Number(options.workers);
  if (!Number.isInteger(workers) || workers < 0) {
    throw new UsageError(
      `--workers must be a whole number (0: classify in the main thread), not "${options.workers}"`,
    );
  }
  if (workers === 0 || cpus().length < 2) {
    const detector = await detectorFromFlags(options);
    return {
      version: detector.model.version,
      async classify(posts) {
        await detector.prepare(posts);
        return posts.map((post) => detector.classify(post));
      },
      close: async () => {},
    };
  }
  const { ClassifierPool } = await import('../detect/classifier-pool.js');
  return ClassifierPool.start(detectorSettings(options), workers);
}

const COMMIT_EVERY = 4096;
/** Batches handed to the classifier before the oldest is waited for. */
const IN_FLIGHT = 64;

export function registerScanCommand(program: Command, setExitCode: (code: number) => void): void {
  const command = program
    .command('scan')
    .description(
      'read posts into the store, classify them and update every analysis (scanning the same input twice changes nothing)',
    )
    .requiredOption('--db <file>', 'the store: an SQLite file, created if missing')
    .option('-q, --quiet', 'no progress bar and no summary (problems are still reported)')
    .option('--workers <n>', 'threads that classify (default: one per core but one; 0: none)')
    .argument('<input...>', 'files and folders (read recursively; .gz files inflated)');
  addDetectorOptions(command).action(
    async (
      inputs: string[],
      options: DetectorFlags & { db: string; quiet?: boolean; workers?: string },
    ) => {
      const started = performance.now();
      const classifier = await startClassifier(options);
      const store = await openStore(options.db, { bulk: true });
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
        // Posts are written a few thousand at a time: one transaction each, so that a commit's
        // cost is shared, and a kill loses at most the batch being written. Classification runs
        // ahead on the worker threads while the main thread reads and writes.
        let pending: StoredItem[] = [];
        const commit = () => {
          added += store.insert(pending, classifier.version);
          addedAds += pending.filter((item) => item.verdict.ad).length;
          pending = [];
        };
        const inFlight: { batch: IngestedPost[]; verdicts: Promise<Classification[]> }[] = [];
        const takeOldest = async () => {
          const next = inFlight.shift();
          if (!next) return;
          const verdicts = await next.verdicts;
          next.batch.forEach((ingested, index) => {
            pending.push({ ingested, verdict: verdicts[index] as Classification });
          });
          if (pending.length >= COMMIT_EVERY) commit();
        };
        for await (const batch of readInputBatches(inputs, {
          onIssue,
          stats,
          onBytes: (bytes) => progress.read(bytes),
        })) {
          const known = store.knownIds(batch.map((item) => item.post.id));
          const fresh = batch.filter((item) => !known.has(item.post.id));
          if (fresh.length > 0) {
            inFlight.push({
              batch: fresh,
              verdicts: classifier.classify(fresh.map((item) => item.post)),
            });
          }
          while (inFlight.length > IN_FLIGHT) await takeOldest();
          progress.posts(batch.length);
        }
        while (inFlight.length > 0) await takeOldest();
        commit();
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
          process.stdout.write(`${lines.join(' ')}\n`);
        }
        setExitCode(ingestExitCode(stats));
      } finally {
        await store.close();
        await classifier.close();
      }
    },
  );
}
