/**
 * The scoring model: logistic regression over the named signals of `signals.ts`, stored as
 * JSON (`models/default.json` ships in the package; `tagwatch train` writes others). Weights are
 * kept by signal name, so a model stays readable and survives signals added after it was made
 * (a signal it does not know weighs 0).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { PACKAGE_ROOT } from '../package-root.js';
import { SIGNAL_NAMES, type SignalVector } from './signals.js';

export const ModelFileSchema = z.object({
  format: z.literal('tagwatch-model/1'),
  createdAt: z.string(),
  description: z.string(),
  /** Posts at or above this score are ads. */
  threshold: z.number().min(0).max(1),
  bias: z.number(),
  weights: z.record(z.string(), z.number()),
  training: z
    .object({
      posts: z.number().int(),
      ads: z.number().int(),
      l2: z.number(),
      crossValidation: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
});
export type ModelFile = z.infer<typeof ModelFileSchema>;

export class ModelError extends Error {
  override readonly name = 'ModelError';
}

export const DEFAULT_MODEL_PATH = join(PACKAGE_ROOT, 'models', 'default.json');

/** A model ready to score: weights laid out in signal order. */
export class ScoringModel {
  readonly weights: Float64Array;

  constructor(readonly file: ModelFile) {
    this.weights = Float64Array.from(SIGNAL_NAMES, (name) => file.weights[name] ?? 0);
  }

  get threshold(): number {
    return this.file.threshold;
  }

  /** Names this model in stored classifications: its creation date and a hash of its weights. */
  get version(): string {
    const digest = createHash('sha256')
      .update(JSON.stringify([this.file.bias, this.file.weights, this.file.threshold]))
      .digest('hex');
    return `${this.file.createdAt.slice(0, 10)}.${digest.slice(0, 12)}`;
  }

  logit(values: SignalVector): number {
    return linearScore(this.weights, this.file.bias, values);
  }

  score(values: SignalVector): number {
    return sigmoid(this.logit(values));
  }
}

export function loadModel(path: string = DEFAULT_MODEL_PATH): ScoringModel {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ModelError(`${path}: cannot read the model (${(error as Error).message})`);
  }
  const parsed = ModelFileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ModelError(
      `${path}: not a tagwatch model (${issue?.path.join('.')}: ${issue?.message})`,
    );
  }
  return new ScoringModel(parsed.data);
}

/** A model that knows nothing: for analysing posts before any model has been trained. */
export function untrainedModel(): ScoringModel {
  return new ScoringModel({
    format: 'tagwatch-model/1',
    createdAt: new Date(0).toISOString(),
    description: 'untrained',
    threshold: 0.5,
    bias: 0,
    weights: {},
  });
}

/** The bias plus each signal's value times its weight: the logit of a logistic model. */
export function linearScore(weights: Float64Array, bias: number, values: SignalVector): number {
  let sum = bias;
  for (let index = 0; index < values.length; index++) {
    const value = values[index] as number;
    if (value !== 0) sum += value * (weights[index] as number);
  }
  return sum;
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

export interface FitOptions {
  /** L2 penalty on the weights (not the bias), per example. */
  l2: number;
  iterations: number;
}

/**
 * Fits weights by full-batch gradient descent with Adam on the mean log-loss plus an L2
 * penalty. Hand-written: forty lines cover a convex problem of a few dozen features and a few
 * thousand rows, where a numerical library would add megabytes for no gain.
 */
export function fitLogistic(
  rows: readonly SignalVector[],
  labels: readonly boolean[],
  options: FitOptions,
): { weights: Float64Array; bias: number } {
  const width = SIGNAL_NAMES.length;
  const weights = new Float64Array(width);
  let bias = 0;
  const m = new Float64Array(width + 1);
  const v = new Float64Array(width + 1);
  const gradient = new Float64Array(width + 1);
  const rate = 0.05;
  const [beta1, beta2, epsilon] = [0.9, 0.999, 1e-8];
  const n = rows.length;
  for (let step = 1; step <= options.iterations; step++) {
    gradient.fill(0);
    for (let row = 0; row < n; row++) {
      const values = rows[row] as SignalVector;
      const error = sigmoid(linearScore(weights, bias, values)) - (labels[row] ? 1 : 0);
      for (let index = 0; index < width; index++) {
        const value = values[index] as number;
        if (value !== 0) gradient[index] = (gradient[index] as number) + error * value;
      }
      gradient[width] = (gradient[width] as number) + error;
    }
    for (let index = 0; index <= width; index++) {
      const current = index < width ? (weights[index] as number) : bias;
      let g = (gradient[index] as number) / n;
      if (index < width) g += options.l2 * current;
      m[index] = beta1 * (m[index] as number) + (1 - beta1) * g;
      v[index] = beta2 * (v[index] as number) + (1 - beta2) * g * g;
      const mHat = (m[index] as number) / (1 - beta1 ** step);
      const vHat = (v[index] as number) / (1 - beta2 ** step);
      const next = current - (rate * mHat) / (Math.sqrt(vHat) + epsilon);
      if (index < width) weights[index] = next;
      else bias = next;
    }
  }
  return { weights, bias };
}
