import { once } from 'node:events';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';

/** Appends text to a file in large writes, waiting when the disk is behind: flat memory. */
export class OutputFile {
  private readonly stream: WriteStream;
  private pending: string[] = [];
  private size = 0;

  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.stream = createWriteStream(path);
  }

  write(text: string): void {
    this.pending.push(text);
    this.size += text.length;
  }

  /** Hands what is pending to the stream once enough has gathered; waits if it is full. */
  async drain(force = false): Promise<void> {
    if (this.pending.length === 0 || (!force && this.size < 1 << 18)) return;
    const chunk = this.pending.join('');
    this.pending = [];
    this.size = 0;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.drain(true);
    this.stream.end();
    await once(this.stream, 'finish');
  }
}
