/**
 * Problems met while reading input, as data: collected, counted and rendered at the edge,
 * never thrown past the file they concern (one bad line must not cost the rest of the input).
 */
export type IngestIssueCode =
  | 'not-found'
  | 'read-error'
  | 'truncated-gzip'
  | 'empty-file'
  | 'unknown-format'
  | 'malformed-json'
  | 'invalid-record';

export interface IngestIssue {
  code: IngestIssueCode;
  file: string;
  /** 1-based line in the (decompressed) file, for JSON Lines and documents alike. */
  line?: number;
  /** 0-based index of the record inside a document (a page's `data`, an export's `messages`). */
  record?: number;
  message: string;
}

/** `file:line: message`, or `file (record N): message`, as compilers and linters print them. */
export function describeIngestIssue(issue: IngestIssue): string {
  let where = issue.file;
  if (issue.line !== undefined) where += `:${issue.line}`;
  if (issue.record !== undefined) where += ` (record ${issue.record})`;
  return `${where}: ${issue.message} [${issue.code}]`;
}
