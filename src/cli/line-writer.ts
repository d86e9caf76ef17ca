import type { Writable } from 'node:stream';

/**
 * Batches output lines into large writes and waits when the destination is full, so that
 * printing a million posts neither costs a syscall each nor buffers them all in memory.
 */
export class LineWriter {
  private buffer: string[] = [];
  private size = 0;

  constructor(
    private readonly out: Writable,
    private readonly flushAt = 1 << 14,
  ) {}

  /** Many lines with one await at most: the per-line promise would cost more than the line. */
  async writeAll(lines: readonly string[]): Promise<void> {
    for (const line of lines) {
      this.buffer.push(line);
      this.size += line.length + 1;
    }
    if (this.size >= this.flushAt) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const chunk = `${this.buffer.join('\n')}\n`;
    this.buffer = [];
    this.size = 0;
    if (!this.out.write(chunk)) {
      await new Promise<void>((resolve, reject) => {
        const onDrain = () => {
          this.out.off('error', onError);
          resolve();
        };
        const onError = (error: Error) => {
          this.out.off('drain', onDrain);
          reject(error);
        };
        this.out.once('drain', onDrain);
        this.out.once('error', onError);
      });
    }
  }
}
