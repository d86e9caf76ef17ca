/**
 * A worker thread that classifies batches of posts, so that a scan classifies on one core
 * while it reads and writes the store on another. Loaded by `ClassifierPool`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Post } from '../records/post.js';
import { Detector } from './detector.js';
import { loadModel } from './model.js';

interface Settings {
  model?: string;
  threshold?: number;
  region?: string;
}

const settings = workerData as Settings;
const detector = new Detector({
  model: settings.model ? loadModel(settings.model) : undefined,
  threshold: settings.threshold,
  region: settings.region,
});

parentPort?.on('message', async (message: { id: number; posts: Post[] }) => {
  try {
    await detector.prepare(message.posts);
    const verdicts = message.posts.map((post) => detector.classify(post));
    parentPort?.postMessage({ id: message.id, verdicts });
  } catch (error) {
    parentPort?.postMessage({ id: message.id, error: (error as Error).stack ?? String(error) });
  }
});
parentPort?.postMessage({
  ready: true,
  version: detector.model.version,
  threshold: detector.threshold,
});
