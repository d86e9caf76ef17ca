/**
 * Files as text lines: folders walked recursively in name order, gzip recognized by its magic
 * bytes (not its name) and inflated on the fly, lines split without ever holding the whole file.
 */
import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createGunzip } from 'node:zlib';
import type { IngestIssue } from './ingest-issue.js';

export class SourceReadError extends Error {
  override readonly name = 'SourceReadError';
  constructor(
    readonly code: 'read-error' | 'truncated-gzip' | 'not-found',
    message: string,
  ) {
    super(message);
  }
}

/** Expands folders into the files below them; a path that does not exist becomes an issue. */
export async function listInputFiles(
  paths: readonly string[],
  onIssue: (issue: IngestIssue) => void,
): Promise<string[]> {
  const files: string[] = [];
  const walk = async (path: string): Promise<void> => {
    const entries = await readdir(path, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const child = join(path, entry.name);
      if (entry.isDirectory()) await walk(child);
      else if (entry.isFile()) files.push(child);
    }
  };
  for (const path of paths) {
    try {
      const info = await stat(path);
      if (info.isDirectory()) await walk(path);
      else files.push(path);
    } catch (error) {
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      onIssue({
        code: missing ? 'not-found' : 'read-error',
        file: path,
        message: missing ? 'no such file or folder' : (error as Error).message,
      });
    }
  }
  return files;
}

const CHUNK_BYTES = 1 << 16;
const NEWLINE = 0x0a;
/** Chunks read in a row before the event loop gets a turn (timers, signals): 16 MiB. */
const CHUNKS_BETWEEN_TURNS = 256;

/**
 * How a file is read: a plain regular file by synchronous reads, anything else (gzip, a pipe,
 * a device) as a stream. Reading a local file through a stream cost `classify` a tenth of its
 * time: each 64 KiB read went through the thread pool while the process waited for it.
 */
function openSource(path: string): { fd: number } | { gzip: boolean } {
  const fd = openSync(path, 'r');
  let keep = false;
  try {
    const magic = Buffer.alloc(2);
    const gzip = readSync(fd, magic, 0, 2, 0) === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
    keep = !gzip && fstatSync(fd).isFile();
    return keep ? { fd } : { gzip };
  } finally {
    if (!keep) closeSync(fd);
  }
}

/**
 * The file's bytes, read into one buffer over and over: each chunk is valid until the next one
 * is asked for (a fresh 64 KiB buffer per read made the garbage the collector runs after).
 */
function* plainChunks(fd: number): Generator<Buffer> {
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  for (;;) {
    const read = readSync(fd, buffer, 0, CHUNK_BYTES, null);
    if (read === 0) return;
    yield buffer.subarray(0, read);
  }
}

/**
 * The file's lines, without their `\n` (a trailing `\r` is left for JSON to ignore as
 * whitespace), in batches: one array per chunk read, so that callers pay one async step per
 * chunk rather than per line. A read failure, a truncated gzip included, is thrown as a
 * `SourceReadError` after every complete line before it was yielded.
 *
 * Chunks are cut at their last newline byte and only whole lines are decoded (a newline byte
 * is never part of a multi-byte UTF-8 character): decoding each chunk and prepending the
 * previous chunk's unfinished line as a string cost a copy of every chunk's text.
 */
export async function* readLineBatches(
  path: string,
  onBytes?: (bytes: number) => void,
): AsyncGenerator<string[]> {
  let source: { fd: number } | { gzip: boolean };
  try {
    source = openSource(path);
  } catch (error) {
    throw new SourceReadError('read-error', (error as Error).message);
  }
  const gzip = 'gzip' in source && source.gzip;
  /** The bytes of an unfinished line, from earlier chunks. */
  let carry: Buffer[] = [];
  let first = true;
  // `ignoreBOM` keeps a BOM wherever it is: only the one opening the file is dropped, below.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const decode = (bytes: Uint8Array): string => {
    let text = decoder.decode(bytes);
    if (first) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    return text;
  };
  /** The lines the chunk completes, or null when it completes none. */
  const cut = (chunk: Buffer): string[] | null => {
    // The unfinished line is copied: the chunk's buffer is read into again.
    const lastNewline = chunk.lastIndexOf(NEWLINE);
    if (lastNewline === -1) {
      carry.push(Buffer.from(chunk));
      return null;
    }
    const lines: string[] = [];
    let from = 0;
    if (carry.length > 0) {
      // The line begun in earlier chunks ends at this chunk's first newline.
      const firstNewline = chunk.indexOf(NEWLINE);
      carry.push(chunk.subarray(0, firstNewline));
      lines.push(decode(Buffer.concat(carry)));
      carry = [];
      from = firstNewline + 1;
    }
    if (from <= lastNewline) {
      const text = decode(chunk.subarray(from, lastNewline));
      let start = 0;
      let end = text.indexOf('\n');
      while (end !== -1) {
        lines.push(text.slice(start, end));
        start = end + 1;
        end = text.indexOf('\n', start);
      }
      lines.push(text.slice(start));
    }
    if (lastNewline + 1 < chunk.length) carry.push(Buffer.from(chunk.subarray(lastNewline + 1)));
    return lines;
  };
  try {
    if ('fd' in source) {
      try {
        let chunks = 0;
        for (const chunk of plainChunks(source.fd)) {
          onBytes?.(chunk.length);
          const lines = cut(chunk);
          if (lines) yield lines;
          if (++chunks % CHUNKS_BETWEEN_TURNS === 0) await new Promise(setImmediate);
        }
      } finally {
        closeSync(source.fd);
      }
    } else {
      const raw = createReadStream(path, { highWaterMark: CHUNK_BYTES });
      const stream = gzip ? raw.pipe(createGunzip({ chunkSize: CHUNK_BYTES })) : raw;
      if (gzip) raw.on('error', (error) => stream.destroy(error));
      // Bytes of the file as stored (compressed or not), for progress against its size.
      if (onBytes) raw.on('data', (chunk) => onBytes(chunk.length));
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        const lines = cut(chunk);
        if (lines) yield lines;
      }
    }
  } catch (error) {
    const message = (error as Error).message;
    if (gzip && /unexpected end of file|incorrect header|invalid/i.test(message)) {
      throw new SourceReadError(
        'truncated-gzip',
        `gzip stream is truncated or corrupt (${message})`,
      );
    }
    throw new SourceReadError('read-error', message);
  }
  if (carry.length > 0) {
    const rest = Buffer.concat(carry);
    if (rest.length > 0) yield [decode(rest)];
  }
}
