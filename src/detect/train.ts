/**
 * Fitting the model on labeled posts, and measuring it honestly: k-fold cross-validation in
 * which all posts of one selling operation (or, for other posts, one account) stay in the same
 * fold, so that near-identical copies of an ad never sit on both sides of a split.
 */

import { fnv1a } from '../fnv1a.js';
import type { Category } from '../records/classification.js';
import type { Label } from './evaluate.js';
import { fitLogistic, linearScore, type ModelFile, sigmoid } from './model.js';
import { SIGNAL_NAMES, type SignalVector } from './signals.js';

export interface TrainingExample {
  id: string;
  values: SignalVector;
  label: Label;
  /** Posts that must stay in one fold: an operation's, or an account's. */
  group: string;
  categories: Category[];
  contacts: { type: string; value: string }[];
  text: string;
}

export interface TrainingOptions {
  folds: number;
  l2: number;
  iterations: number;
}

export const DEFAULT_TRAINING: TrainingOptions = { folds: 5, l2: 0.002, iterations: 1500 };

/** Out-of-fold scores: each post scored by a model fitted without its fold. */
export function crossValidatedScores(
  examples: readonly TrainingExample[],
  options: TrainingOptions,
): Map<string, number> {
  const scores = new Map<string, number>();
  for (let fold = 0; fold < options.folds; fold++) {
    const train = examples.filter((example) => foldOf(example.group, options.folds) !== fold);
    const test = examples.filter((example) => foldOf(example.group, options.folds) === fold);
    if (test.length === 0 || train.length === 0) continue;
    const { weights, bias } = fitLogistic(
      train.map((example) => example.values),
      train.map((example) => example.label.ad),
      options,
    );
    for (const example of test) {
      scores.set(example.id, sigmoid(linearScore(weights, bias, example.values)));
    }
  }
  return scores;
}

/** The threshold with the best F1 on out-of-fold scores, ties going to the higher (fewer flags). */
export function bestThreshold(
  examples: readonly TrainingExample[],
  scores: ReadonlyMap<string, number>,
): number {
  let best = 0.5;
  let bestF1 = -1;
  for (let step = 20; step <= 90; step++) {
    const threshold = step / 100;
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const example of examples) {
      const flagged = (scores.get(example.id) ?? 0) >= threshold;
      if (flagged && example.label.ad) tp++;
      else if (flagged) fp++;
      else if (example.label.ad) fn++;
    }
    const f1 = (2 * tp) / (2 * tp + fp + fn || 1);
    if (f1 >= bestF1) {
      bestF1 = f1;
      best = threshold;
    }
  }
  return best;
}

export function fitModel(
  examples: readonly TrainingExample[],
  options: TrainingOptions,
  threshold: number,
  crossValidation: Record<string, unknown>,
): ModelFile {
  const { weights, bias } = fitLogistic(
    examples.map((example) => example.values),
    examples.map((example) => example.label.ad),
    options,
  );
  return {
    format: 'tagwatch-model/1',
    createdAt: new Date().toISOString(),
    description: `logistic regression over ${SIGNAL_NAMES.length} signals, fitted on ${examples.length} labeled posts`,
    threshold,
    bias: round(bias),
    weights: Object.fromEntries(
      SIGNAL_NAMES.map((name, index) => [name, round(weights[index] as number)]),
    ),
    training: {
      posts: examples.length,
      ads: examples.filter((example) => example.label.ad).length,
      l2: options.l2,
      crossValidation,
    },
  };
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/** A stable fold for a group: a hash of its name, so runs and machines agree. */
export function foldOf(group: string, folds: number): number {
  return fnv1a(group) % folds;
}
