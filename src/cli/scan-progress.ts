import { SingleBar } from 'cli-progress';

/**
 * The scan's progress bar on a terminal: bytes read against the inputs' size (hence the ETA),
 * posts read, and posts a second. Silent when stderr is not a terminal.
 */
export class ScanProgress {
  private readonly bar: SingleBar | undefined;
  private bytes = 0;
  private count = 0;
  private readonly started = performance.now();

  constructor(
    private readonly totalBytes: number,
    enabled: boolean,
  ) {
    if (!enabled) return;
    this.bar = new SingleBar({
      format:
        'scanning [{bar}] {percentage}% | {posts} posts | {rate} posts/s | ETA {eta_formatted}',
      stream: process.stderr,
      hideCursor: true,
      etaBuffer: 50,
    });
    this.bar.start(Math.max(1, totalBytes), 0, { posts: 0, rate: 0 });
  }

  read(bytes: number): void {
    this.bytes += bytes;
  }

  posts(count: number): void {
    this.count += count;
    if (!this.bar) return;
    const seconds = (performance.now() - this.started) / 1000;
    this.bar.update(Math.min(this.bytes, this.totalBytes), {
      posts: this.count.toLocaleString('en'),
      rate: Math.round(this.count / Math.max(seconds, 0.001)).toLocaleString('en'),
    });
  }

  /** Prints a line above the bar without garbling it. */
  interrupt(print: () => void): void {
    if (this.bar) process.stderr.write('\r\x1b[K');
    print();
  }

  stop(): void {
    this.bar?.stop();
  }
}
