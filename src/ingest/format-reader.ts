/**
 * The one small interface every platform reader implements. A reader knows one platform's
 * record shapes and nothing of files, compression, the store or detection: it is handed a
 * parsed JSON value (a whole document, or one line of a JSON Lines file) and yields outcomes.
 */
import type { Post } from '../records/post.js';

export const INPUT_FORMATS = [
  'x-search-page',
  'x-stream',
  'jetstream',
  'mastodon',
  'telegram',
  'tagwatch',
] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

export type ReadOutcome =
  /** `raw` is the platform's own record for this post (tweet and author, status, message). */
  | { kind: 'post'; post: Post; record?: number; raw?: unknown }
  /** A valid record that carries no post: an identity event, a delete, a service message. */
  | { kind: 'skip'; record?: number }
  | { kind: 'invalid'; record?: number; message: string };

/** State shared by all files of one run: what one record teaches about another. */
export interface ReadContext {
  /** Bluesky DID to handle, as the latest `identity` event read so far says. */
  blueskyHandles: Map<string, string>;
  /** Bluesky DID to the first handle a file's identity events give, gathered before reading it. */
  blueskyHandlesAhead: Map<string, string>;
}

export function newReadContext(): ReadContext {
  return { blueskyHandles: new Map(), blueskyHandlesAhead: new Map() };
}

export interface FormatReader {
  readonly format: InputFormat;
  /** Whether a value parsed from a whole file has this format's document shape. */
  recognizesDocument(value: unknown): boolean;
  /** Whether one parsed JSON line has this format's line shape (false for document-only formats). */
  recognizesLine(value: unknown): boolean;
  read(value: unknown, context: ReadContext): Iterable<ReadOutcome>;
  /**
   * Optional first pass over a JSON Lines file's raw lines, for formats whose later lines
   * inform earlier ones (Jetstream identity events naming a DID posted under before).
   */
  prescanLine?(line: string, context: ReadContext): void;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
