/**
 * The ingest stage's entry point: any mix of files and folders in, canonical posts out, in
 * input order, each post once. Every file's format is told from its content; every problem
 * becomes an `IngestIssue` handed to the caller while the rest of the input is still read.
 *
 * Posts come in batches (one per megabyte read or per document) because an async step per
 * post would cost more than reading it; `readInputs` offers them one by one where that is
 * more convenient than fast.
 */
import type { Post } from '../records/post.js';
import type { FormatReader, InputFormat, ReadContext, ReadOutcome } from './format-reader.js';
import { newReadContext } from './format-reader.js';
import type { IngestIssue } from './ingest-issue.js';
import { jetstreamReader } from './jetstream.js';
import { mastodonReader } from './mastodon.js';
import { SeenIds } from './seen-ids.js';
import { listInputFiles, readLineBatches, SourceReadError } from './source-files.js';
import { tagwatchReader } from './tagwatch-jsonl.js';
import { telegramReader } from './telegram.js';
import { xSearchPageReader, xStreamReader } from './x-api.js';

/** Tried in this order; the first whose shape matches reads the file. */
export const READERS: readonly FormatReader[] = [
  xStreamReader,
  xSearchPageReader,
  jetstreamReader,
  mastodonReader,
  telegramReader,
  tagwatchReader,
];

export interface IngestedPost {
  post: Post;
  format: InputFormat;
  file: string;
  /** 1-based line of a JSON Lines file. */
  line?: number;
  /** 0-based index of the record inside its document or line. */
  record?: number;
  /** The platform's original record: the line itself, or the record's JSON inside a document. */
  raw: string;
}

export interface IngestStats {
  files: number;
  posts: number;
  duplicates: number;
  /** Valid records that carry no post (identity events, deletes, service messages). */
  nonPosts: number;
  /** Records reported and skipped: malformed JSON, wrong shape, missing fields. */
  skippedRecords: number;
  /** Files reported and skipped whole or in part: missing, unreadable, unknown, truncated. */
  fileProblems: number;
}

export interface ReadInputsOptions {
  onIssue: (issue: IngestIssue) => void;
  /** Called with each chunk's size in bytes as files are read, for progress bars. */
  onBytes?: (bytes: number) => void;
  stats?: IngestStats;
  context?: ReadContext;
}

export function newIngestStats(): IngestStats {
  return { files: 0, posts: 0, duplicates: 0, nonPosts: 0, skippedRecords: 0, fileProblems: 0 };
}

/** How many unrecognized lines a JSON Lines file may open with before it is called unknown. */
const RECOGNITION_WINDOW = 20;
const MAX_MESSAGE_SNIPPET = 160;

type Report = (issue: IngestIssue) => void;

export async function* readInputBatches(
  paths: readonly string[],
  options: ReadInputsOptions,
): AsyncGenerator<IngestedPost[]> {
  const stats = options.stats ?? newIngestStats();
  const context = options.context ?? newReadContext();
  const seen = new SeenIds();
  const report: Report = (issue) => {
    if (issue.code === 'malformed-json' || issue.code === 'invalid-record') stats.skippedRecords++;
    else stats.fileProblems++;
    options.onIssue(issue);
  };
  const files = await listInputFiles(paths, report);
  for (const file of files) {
    stats.files++;
    for await (const batch of readFile(file, context, report, stats, options.onBytes)) {
      const fresh = batch.filter((item) => seen.add(item.post.id));
      stats.duplicates += batch.length - fresh.length;
      stats.posts += fresh.length;
      if (fresh.length > 0) yield fresh;
    }
  }
}

export async function* readInputs(
  paths: readonly string[],
  options: ReadInputsOptions,
): AsyncGenerator<IngestedPost> {
  for await (const batch of readInputBatches(paths, options)) yield* batch;
}

async function* readFile(
  file: string,
  context: ReadContext,
  report: Report,
  stats: IngestStats,
  onBytes?: (bytes: number) => void,
): AsyncGenerator<IngestedPost[]> {
  const batches = readLineBatches(file, onBytes)[Symbol.asyncIterator]();
  try {
    // Find the first line with content: it tells JSON Lines from a JSON document.
    let head: string[] = [];
    let headNumber = 1;
    let firstIndex = -1;
    while (firstIndex === -1) {
      const next = await batches.next();
      if (next.done) break;
      headNumber += head.length;
      head = next.value;
      firstIndex = head.findIndex((line) => line.trim().length > 0);
    }
    const first = head[firstIndex];
    if (first === undefined) {
      report({ code: 'empty-file', file, message: 'file is empty' });
      return;
    }
    const opening = first.trimStart()[0];
    if (opening === '{' && parsesAsJson(first)) {
      const lines = new JsonLinesFile(file, context, report, stats);
      const prescanner = prescannerFor(head.slice(firstIndex, firstIndex + RECOGNITION_WINDOW));
      if (prescanner) await prescan(file, prescanner, context);
      yield lines.feed(head, headNumber);
      let number = headNumber + head.length;
      for (;;) {
        const next = await batches.next();
        if (next.done) break;
        yield lines.feed(next.value, number);
        number += next.value.length;
      }
      lines.finish();
      return;
    }
    if (opening === '{' || opening === '[') {
      const all = head;
      for (;;) {
        const next = await batches.next();
        if (next.done) break;
        for (const line of next.value) all.push(line);
      }
      yield* readDocument(file, all, headNumber, context, report, stats);
      return;
    }
    report({
      code: 'unknown-format',
      file,
      line: headNumber + firstIndex,
      message: `not a supported format: starts with ${JSON.stringify(first.trim().slice(0, 20))}, expected JSON or JSON Lines`,
    });
  } catch (error) {
    if (error instanceof SourceReadError) {
      report({ code: error.code, file, message: error.message });
      return;
    }
    throw error;
  }
}

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function describeJsonError(error: unknown): string {
  const message = (error as Error).message ?? String(error);
  if (/end of JSON input/i.test(message)) return 'JSON ends early: the record is truncated';
  return message.length > MAX_MESSAGE_SNIPPET
    ? `${message.slice(0, MAX_MESSAGE_SNIPPET)}…`
    : message;
}

/** The reader of the first recognizable line, if it wants a look-ahead pass over the file. */
function prescannerFor(lines: readonly string[]): FormatReader | undefined {
  for (const line of lines) {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      continue;
    }
    const reader = READERS.find((candidate) => candidate.recognizesLine(value));
    if (reader) return reader.prescanLine ? reader : undefined;
  }
  return undefined;
}

/** Reads the file once more for the reader's look-ahead; problems are left to the main pass. */
async function prescan(file: string, reader: FormatReader, context: ReadContext): Promise<void> {
  try {
    for await (const batch of readLineBatches(file)) {
      for (const line of batch) reader.prescanLine?.(line, context);
    }
  } catch (error) {
    if (!(error instanceof SourceReadError)) throw error;
  }
}

/**
 * A JSON Lines file read batch by batch. The format is fixed by the first line a reader
 * recognizes; lines of another shape after it are reported as invalid records of that format.
 */
class JsonLinesFile {
  private reader: FormatReader | undefined;
  private readonly unrecognized: { value: unknown; text: string; number: number }[] = [];
  private gaveUp = false;

  constructor(
    private readonly file: string,
    private readonly context: ReadContext,
    private readonly report: Report,
    private readonly stats: IngestStats,
  ) {}

  feed(lines: readonly string[], firstNumber: number): IngestedPost[] {
    const out: IngestedPost[] = [];
    if (this.gaveUp) return out;
    for (let index = 0; index < lines.length; index++) {
      const text = lines[index] as string;
      const number = firstNumber + index;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        // Blank lines (a stream's keep-alive newlines) fail the parse too, and are no record.
        if (text.trim().length === 0) continue;
        this.report({
          code: 'malformed-json',
          file: this.file,
          line: number,
          message: describeJsonError(error),
        });
        continue;
      }
      if (!this.reader && !this.lockReader(value, text, number, out)) {
        if (this.gaveUp) return out;
        continue;
      }
      this.readValue(this.reader as FormatReader, value, text, number, out);
    }
    return out;
  }

  finish(): void {
    if (this.reader) return;
    this.report({
      code: 'unknown-format',
      file: this.file,
      message:
        'JSON Lines, but no line is an X stream line, X page, Jetstream event, Mastodon status or tagwatch post',
    });
  }

  /** True once a reader is chosen; held lines before it are read with it then. */
  private lockReader(value: unknown, text: string, number: number, out: IngestedPost[]): boolean {
    const reader = READERS.find((candidate) => candidate.recognizesLine(value));
    if (!reader) {
      // A whole document on one line (a minified Telegram export) is read as a document.
      const documentReader = READERS.find((candidate) => candidate.recognizesDocument(value));
      if (documentReader) {
        this.readValue(documentReader, value, text, number, out);
      } else {
        this.unrecognized.push({ value, text, number });
        if (this.unrecognized.length >= RECOGNITION_WINDOW) this.gaveUp = true;
      }
      return false;
    }
    this.reader = reader;
    for (const held of this.unrecognized) {
      this.readValue(reader, held.value, held.text, held.number, out);
    }
    this.unrecognized.length = 0;
    return true;
  }

  private readValue(
    reader: FormatReader,
    value: unknown,
    text: string,
    number: number,
    out: IngestedPost[],
  ): void {
    for (const outcome of reader.read(value, this.context)) {
      // A line holding one record is kept byte for byte; one holding many keeps each record's JSON.
      const item = take(outcome, reader.format, this.file, number, this.stats, this.report, text);
      if (item) out.push(item);
    }
  }
}

function take(
  outcome: ReadOutcome,
  format: InputFormat,
  file: string,
  line: number | undefined,
  stats: IngestStats,
  report: Report,
  lineText?: string,
): IngestedPost | null {
  if (outcome.kind === 'skip') {
    stats.nonPosts++;
    return null;
  }
  if (outcome.kind === 'invalid') {
    report({
      code: 'invalid-record',
      file,
      line,
      record: outcome.record,
      message: outcome.message,
    });
    return null;
  }
  const raw =
    lineText !== undefined && outcome.record === undefined
      ? lineText
      : JSON.stringify(outcome.raw ?? null);
  return { post: outcome.post, format, file, line, record: outcome.record, raw };
}

function* readDocument(
  file: string,
  lines: string[],
  firstLineNumber: number,
  context: ReadContext,
  report: Report,
  stats: IngestStats,
): Generator<IngestedPost[]> {
  const text = lines.join('\n');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // A JSON Lines file whose first line is broken looks like a document at first sight.
    if (lines.slice(1).some((line) => lineIsRecord(line))) {
      const jsonLines = new JsonLinesFile(file, context, report, stats);
      yield jsonLines.feed(lines, firstLineNumber);
      jsonLines.finish();
      return;
    }
    report({
      code: 'malformed-json',
      file,
      line: lineOfJsonError(error, text, firstLineNumber),
      message: `not valid JSON: ${describeJsonError(error)}`,
    });
    return;
  }
  const reader = READERS.find((candidate) => candidate.recognizesDocument(value));
  if (!reader) {
    report({
      code: 'unknown-format',
      file,
      message:
        'JSON, but not an X API page, a Mastodon status array or a Telegram export (see `tagwatch --help`)',
    });
    return;
  }
  const out: IngestedPost[] = [];
  for (const outcome of reader.read(value, context)) {
    const item = take(outcome, reader.format, file, undefined, stats, report);
    if (item) out.push(item);
  }
  yield out;
}

function lineIsRecord(line: string): boolean {
  if (!line.trimStart().startsWith('{')) return false;
  try {
    const value: unknown = JSON.parse(line);
    return READERS.some((reader) => reader.recognizesLine(value));
  } catch {
    return false;
  }
}

function lineOfJsonError(error: unknown, text: string, firstLineNumber: number): number {
  const position = /position (\d+)/.exec((error as Error).message ?? '');
  const offset = position ? Number(position[1]) : text.length;
  let line = firstLineNumber;
  for (
    let index = text.indexOf('\n');
    index !== -1 && index < offset;
    index = text.indexOf('\n', index + 1)
  ) {
    line++;
  }
  return line;
}
