/**
 * The ingest stage's entry point: any mix of files and folders in, canonical posts out, in
 * input order, each post once. Every file's format is told from its content; every problem
 * becomes an `IngestIssue` handed to the caller while the rest of the input is still read.
 */
import type { Post } from '../records/post.js';
import type { FormatReader, InputFormat, ReadContext, ReadOutcome } from './format-reader.js';
import { newReadContext } from './format-reader.js';
import type { IngestIssue } from './ingest-issue.js';
import { jetstreamReader } from './jetstream.js';
import { mastodonReader } from './mastodon.js';
import { listInputFiles, readLines, SourceReadError } from './source-files.js';
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
  stats?: IngestStats;
  context?: ReadContext;
}

export function newIngestStats(): IngestStats {
  return { files: 0, posts: 0, duplicates: 0, nonPosts: 0, skippedRecords: 0, fileProblems: 0 };
}

/** How many unrecognized lines a JSON Lines file may open with before it is called unknown. */
const RECOGNITION_WINDOW = 20;
const MAX_MESSAGE_SNIPPET = 160;

export async function* readInputs(
  paths: readonly string[],
  options: ReadInputsOptions,
): AsyncGenerator<IngestedPost> {
  const stats = options.stats ?? newIngestStats();
  const context = options.context ?? newReadContext();
  const seen = new Set<string>();
  const report = (issue: IngestIssue) => {
    if (issue.code === 'malformed-json' || issue.code === 'invalid-record') stats.skippedRecords++;
    else stats.fileProblems++;
    options.onIssue(issue);
  };
  const files = await listInputFiles(paths, report);
  for (const file of files) {
    stats.files++;
    for await (const item of readFile(file, context, report, stats)) {
      if (seen.has(item.post.id)) {
        stats.duplicates++;
        continue;
      }
      seen.add(item.post.id);
      stats.posts++;
      yield item;
    }
  }
}

type Report = (issue: IngestIssue) => void;

async function* readFile(
  file: string,
  context: ReadContext,
  report: Report,
  stats: IngestStats,
): AsyncGenerator<IngestedPost> {
  const lines = readLines(file)[Symbol.asyncIterator]();
  try {
    let lineNumber = 0;
    let first: string | undefined;
    for (;;) {
      const next = await lines.next();
      if (next.done) break;
      lineNumber++;
      if (next.value.trim().length > 0) {
        first = next.value;
        break;
      }
    }
    if (first === undefined) {
      report({ code: 'empty-file', file, message: 'file is empty' });
      return;
    }
    const opening = first.trimStart()[0];
    if (opening === '{' && parsesAsJson(first)) {
      yield* readJsonLines(file, prepend(first, lineNumber, lines), context, report, stats);
      return;
    }
    if (opening === '{' || opening === '[') {
      const all = [first];
      for (;;) {
        const next = await lines.next();
        if (next.done) break;
        all.push(next.value);
      }
      yield* readDocument(file, all, lineNumber, context, report, stats);
      return;
    }
    report({
      code: 'unknown-format',
      file,
      line: lineNumber,
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

interface NumberedLine {
  text: string;
  number: number;
}

async function* prepend(
  first: string,
  firstNumber: number,
  rest: AsyncIterator<string>,
): AsyncGenerator<NumberedLine> {
  yield { text: first, number: firstNumber };
  let number = firstNumber;
  for (;;) {
    const next = await rest.next();
    if (next.done) return;
    number++;
    yield { text: next.value, number };
  }
}

async function* numbered(
  lines: readonly string[],
  firstNumber: number,
): AsyncGenerator<NumberedLine> {
  for (let index = 0; index < lines.length; index++) {
    yield { text: lines[index] as string, number: firstNumber + index };
  }
}

function describeJsonError(error: unknown): string {
  const message = (error as Error).message ?? String(error);
  if (/end of JSON input/i.test(message)) return 'JSON ends early: the record is truncated';
  return message.length > MAX_MESSAGE_SNIPPET
    ? `${message.slice(0, MAX_MESSAGE_SNIPPET)}…`
    : message;
}

async function* readJsonLines(
  file: string,
  lines: AsyncGenerator<NumberedLine>,
  context: ReadContext,
  report: Report,
  stats: IngestStats,
): AsyncGenerator<IngestedPost> {
  let reader: FormatReader | undefined;
  const pending: { value: unknown; line: NumberedLine }[] = [];
  let looked = 0;

  for await (const line of lines) {
    const text = line.text;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      // Blank lines (a stream's keep-alive newlines) fail the parse too, and are no record.
      if (text.trim().length === 0) continue;
      report({
        code: 'malformed-json',
        file,
        line: line.number,
        message: describeJsonError(error),
      });
      continue;
    }
    if (!reader) {
      reader = READERS.find((candidate) => candidate.recognizesLine(value));
      if (!reader) {
        // A whole document on one line (a minified Telegram export) is read as a document.
        const documentReader = READERS.find((candidate) => candidate.recognizesDocument(value));
        if (documentReader) {
          yield* postsOf(documentReader, value, line, file, context, report, stats);
          continue;
        }
        pending.push({ value, line });
        if (++looked >= RECOGNITION_WINDOW) break;
        continue;
      }
      if (reader.prescanLine) await prescan(file, reader, context);
      for (const held of pending) {
        yield* postsOf(reader, held.value, held.line, file, context, report, stats);
      }
      pending.length = 0;
    }
    yield* postsOf(reader, value, line, file, context, report, stats);
  }
  if (!reader) {
    report({
      code: 'unknown-format',
      file,
      message:
        'JSON Lines, but no line is an X stream line, X page, Jetstream event, Mastodon status or tagwatch post',
    });
  }
}

/** Reads the file once more for the reader's look-ahead; problems are left to the main pass. */
async function prescan(file: string, reader: FormatReader, context: ReadContext): Promise<void> {
  try {
    for await (const line of readLines(file)) reader.prescanLine?.(line, context);
  } catch (error) {
    if (!(error instanceof SourceReadError)) throw error;
  }
}

function* postsOf(
  reader: FormatReader,
  value: unknown,
  line: NumberedLine,
  file: string,
  context: ReadContext,
  report: Report,
  stats: IngestStats,
): Generator<IngestedPost> {
  for (const outcome of reader.read(value, context)) {
    const item = take(outcome, reader.format, file, line.number, stats, report);
    if (item) {
      // One line holding many records (a page per line) keeps each record's own JSON.
      if (outcome.record === undefined) item.raw = line.text;
      yield item;
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
  return {
    post: outcome.post,
    format,
    file,
    line,
    record: outcome.record,
    raw: outcome.raw === undefined ? '' : JSON.stringify(outcome.raw),
  };
}

async function* readDocument(
  file: string,
  lines: string[],
  firstLineNumber: number,
  context: ReadContext,
  report: Report,
  stats: IngestStats,
): AsyncGenerator<IngestedPost> {
  const text = lines.join('\n');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // A JSON Lines file whose first line is broken looks like a document at first sight.
    if (lines.slice(1).some((line) => lineIsRecord(line))) {
      yield* readJsonLines(file, numbered(lines, firstLineNumber), context, report, stats);
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
        'JSON, but not an X API page, a Mastodon status array or a Telegram export (see `tagwatch posts --help`)',
    });
    return;
  }
  for (const outcome of reader.read(value, context)) {
    const item = take(outcome, reader.format, file, undefined, stats, report);
    if (item) yield item;
  }
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
