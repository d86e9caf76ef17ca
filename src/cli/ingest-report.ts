/**
 * How a command that reads input tells the user about it: each issue on stderr as it happens,
 * a one-line tally at the end, and the exit code the contract fixes for reading.
 */
import type { IngestIssue } from '../ingest/ingest-issue.js';
import { describeIngestIssue } from '../ingest/ingest-issue.js';
import type { IngestStats } from '../ingest/read-inputs.js';

export const EXIT_OK = 0;
export const EXIT_NOTHING_READ = 2;
export const EXIT_SOME_SKIPPED = 3;

export function printIssue(issue: IngestIssue): void {
  process.stderr.write(`tagwatch: ${describeIngestIssue(issue)}\n`);
}

export function summarizeIngest(stats: IngestStats): string {
  const parts = [`${count(stats.posts, 'post')} from ${count(stats.files, 'file')}`];
  if (stats.duplicates > 0) parts.push(`${count(stats.duplicates, 'duplicate')} read once`);
  if (stats.skippedRecords > 0) {
    parts.push(`${count(stats.skippedRecords, 'malformed record')} skipped`);
  }
  if (stats.fileProblems > 0) parts.push(`${count(stats.fileProblems, 'file problem')}`);
  return `read ${parts.join(', ')}`;
}

/** 0: posts read and nothing skipped; 3: posts read but something was skipped; 2: no post read. */
export function ingestExitCode(stats: IngestStats): number {
  if (stats.posts === 0) return EXIT_NOTHING_READ;
  return stats.skippedRecords > 0 || stats.fileProblems > 0 ? EXIT_SOME_SKIPPED : EXIT_OK;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
