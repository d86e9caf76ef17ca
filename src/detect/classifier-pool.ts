/**
 * Classification on worker threads, batch by batch, results in the order asked. With one worker
 * on a two-core machine, a scan classifies on one core while it reads and stores on the other.
 */
import { cpus } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Post } from '../records/post.js';
import type { Classification } from './detector.js';

export interface ClassifierSettings {
  model?: string;
  threshold?: number;
  region?: string;
}

interface Pending {
  resolve: (verdicts: Classification[]) => void;
  reject: (error: Error) => void;
}

export class ClassifierPool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  version = '';
  threshold = 0;

  private constructor() {}

  /** Starts the workers (default: one per core but one, at least one). */
  static async start(
    settings: ClassifierSettings,
    size = Math.max(1, cpus().length - 1),
  ): Promise<ClassifierPool> {
    const pool = new ClassifierPool();
    const script = new URL('./classify-worker.js', import.meta.url);
    await Promise.all(
      Array.from({ length: size }, () => {
        const worker = new Worker(script, { workerData: settings });
        pool.workers.push(worker);
        return new Promise<void>((resolve, reject) => {
          worker.once('error', reject);
          worker.on(
            'message',
            (message: {
              ready?: boolean;
              version?: string;
              threshold?: number;
              id?: number;
              verdicts?: Classification[];
              error?: string;
            }) => {
              if (message.ready) {
                pool.version = message.version ?? '';
                pool.threshold = message.threshold ?? 0;
                resolve();
                return;
              }
              const waiting = pool.pending.get(message.id as number);
              if (!waiting) return;
              pool.pending.delete(message.id as number);
              if (message.error)
                waiting.reject(new Error(`classification worker: ${message.error}`));
              else waiting.resolve(message.verdicts ?? []);
            },
          );
        });
      }),
    );
    return pool;
  }

  classify(posts: Post[]): Promise<Classification[]> {
    const id = this.nextId++;
    const worker = this.workers[id % this.workers.length] as Worker;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, posts });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
