import { once } from 'node:events';
import type { Writable } from 'node:stream';

const NEWLINE = 0x0a;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const NULL = Buffer.from('null');
/** Below this length a copy byte by byte costs less than `TypedArray#set`'s call. */
const SHORT_COPY = 32;
/** The most UTF-8 bytes one UTF-16 code unit can take (a lone surrogate becomes U+FFFD). */
const MAX_BYTES_PER_UNIT = 3;

/**
 * Gathers output lines as UTF-8 bytes in large chunks and waits when the destination is full,
 * so that printing a million posts neither costs a syscall each nor buffers them all in memory.
 * Text is encoded straight into the chunk and bytes already encoded are copied in: joining
 * lines into one string first, then encoding it, cost `classify` a tenth of its time.
 */
export class LineWriter {
  private chunk: Buffer;
  private used = 0;
  /** Chunks filled and not yet handed to the destination. */
  private filled: Buffer[] = [];

  constructor(
    private readonly out: Writable,
    private readonly chunkSize = 1 << 16,
  ) {
    this.chunk = Buffer.allocUnsafe(chunkSize);
  }

  /** Appends text, encoded as UTF-8. */
  text(text: string): void {
    this.reserve(text.length * MAX_BYTES_PER_UNIT);
    this.used += this.chunk.write(text, this.used);
  }

  /** Appends bytes already encoded. */
  bytes(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    if (bytes.length < SHORT_COPY) {
      const chunk = this.chunk;
      let at = this.used;
      for (let index = 0; index < bytes.length; index++) chunk[at++] = bytes[index] as number;
      this.used = at;
    } else {
      this.chunk.set(bytes, this.used);
      this.used += bytes.length;
    }
  }

  /**
   * Appends `text` as a JSON string, byte for byte what `JSON.stringify` gives. Identifiers,
   * times and most tags are ASCII without a character to escape: those are copied here in one
   * pass, which costs a fraction of building the string and encoding it.
   */
  jsonString(text: string): void {
    this.reserve(text.length + 2);
    const chunk = this.chunk;
    let at = this.used;
    chunk[at++] = QUOTE;
    for (let index = 0; index < text.length; index++) {
      const code = text.charCodeAt(index);
      if (code < 0x20 || code >= 0x7f || code === QUOTE || code === BACKSLASH) {
        this.text(JSON.stringify(text));
        return;
      }
      chunk[at++] = code;
    }
    chunk[at++] = QUOTE;
    this.used = at;
  }

  /** Appends a JSON string, or `null`. */
  jsonStringOrNull(text: string | null): void {
    if (text === null) this.bytes(NULL);
    else this.jsonString(text);
  }

  /** Appends a JSON array of strings. */
  jsonStringList(texts: readonly string[]): void {
    this.reserve(2);
    this.chunk[this.used++] = OPEN_BRACKET;
    for (let index = 0; index < texts.length; index++) {
      if (index > 0) {
        this.reserve(1);
        this.chunk[this.used++] = COMMA;
      }
      this.jsonString(texts[index] as string);
    }
    this.reserve(1);
    this.chunk[this.used++] = CLOSE_BRACKET;
  }

  /** Ends the current line. */
  newline(): void {
    this.reserve(1);
    this.chunk[this.used++] = NEWLINE;
  }

  /** Many lines with one await at most: the per-line promise would cost more than the line. */
  async writeAll(lines: readonly string[]): Promise<void> {
    for (const line of lines) {
      this.text(line);
      this.newline();
    }
    await this.ready();
  }

  /** Hands the filled chunks to the destination, waiting while it is full. */
  async ready(): Promise<void> {
    const chunks = this.filled;
    if (chunks.length === 0) return;
    this.filled = [];
    for (const chunk of chunks) {
      // `once` also rejects, with the error, when the destination fails while we wait.
      if (!this.out.write(chunk)) await once(this.out, 'drain');
    }
  }

  /** Hands everything appended so far to the destination. */
  async flush(): Promise<void> {
    if (this.used > 0) this.seal(this.chunkSize);
    await this.ready();
  }

  private reserve(bytes: number): void {
    if (this.used + bytes > this.chunk.length) this.seal(Math.max(this.chunkSize, bytes));
  }

  /** Sets the current chunk aside and starts a new one: a stream may keep a chunk it was given. */
  private seal(nextSize: number): void {
    if (this.used > 0) this.filled.push(this.chunk.subarray(0, this.used));
    this.chunk = Buffer.allocUnsafe(nextSize);
    this.used = 0;
  }
}
