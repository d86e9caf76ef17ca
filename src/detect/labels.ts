/**
 * Labeled posts for evaluation and training: one JSON object a line (`post_id`, `ad`,
 * `categories`, `contacts`, optionally `operation`, `kind`, `difficulty`). A bad line is
 * reported with its number and skipped, like any other input.
 */

import type { IngestIssue } from '../ingest/ingest-issue.js';
import { readLineBatches, SourceReadError } from '../ingest/source-files.js';
import { describeSchemaError } from '../ingest/validation.js';
import { type Label, LabelSchema } from './evaluate.js';

export async function readLabels(
  path: string,
  onIssue: (issue: IngestIssue) => void,
): Promise<Map<string, Label>> {
  const labels = new Map<string, Label>();
  let number = 0;
  try {
    for await (const batch of readLineBatches(path)) {
      for (const line of batch) {
        number++;
        if (line.trim().length === 0) continue;
        let value: unknown;
        try {
          value = JSON.parse(line);
        } catch (error) {
          onIssue({
            code: 'malformed-json',
            file: path,
            line: number,
            message: (error as Error).message,
          });
          continue;
        }
        const parsed = LabelSchema.safeParse(value);
        if (!parsed.success) {
          onIssue({
            code: 'invalid-record',
            file: path,
            line: number,
            message: `label ${describeSchemaError(parsed.error)}`,
          });
          continue;
        }
        labels.set(parsed.data.post_id, parsed.data);
      }
    }
  } catch (error) {
    if (!(error instanceof SourceReadError)) throw error;
    onIssue({ code: error.code, file: path, message: error.message });
  }
  return labels;
}
