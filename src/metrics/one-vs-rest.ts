import { invalidParameter } from '../core/errors/index.js';
import type { Label } from './labels.js';
import { numpyMean, numpySum } from './numpy-sum.js';

/** How one-vs-rest scores are combined: plain mean, or weighted by each class's true count. */
export type OvrAverage = 'macro' | 'weighted';

export const ovrAverages: readonly OvrAverage[] = ['macro', 'weighted'];

export interface OvrOptions {
  /** Defaults to `macro`. */
  average?: OvrAverage;
}

/** The average to use; fails on one that is not an OvrAverage. */
export function checkOvrAverage(average: OvrAverage = 'macro'): OvrAverage {
  if (!ovrAverages.includes(average)) {
    throw invalidParameter(
      `average must be one of ${ovrAverages.join(', ')}, not ${String(average)}`,
      { field: 'average' },
    );
  }
  return average;
}

/**
 * Scores each class against all others with `binaryScore` (its column of `proba` as the scores)
 * and averages, as sklearn's `_average_binary_score` does for a binarised yTrue. Inputs must be
 * checked already (checkProbabilityInputs).
 */
export function oneVsRest(
  yTrue: readonly Label[],
  proba: readonly (readonly number[])[],
  classes: readonly Label[],
  average: OvrAverage,
  binaryScore: (positive: boolean[], scores: number[]) => number,
): number {
  const scores: number[] = [];
  const weights: number[] = [];
  classes.forEach((label, c) => {
    const positive = yTrue.map((y) => y === label);
    weights.push(positive.filter(Boolean).length);
    scores.push(
      binaryScore(
        positive,
        proba.map((row) => row[c]!),
      ),
    );
  });
  if (average === 'macro') return numpyMean(scores);
  // np.average(scores, weights): a class without samples weighs (and is forced to) zero.
  const weighted = scores.map((s, c) => (weights[c] === 0 ? 0 : s * weights[c]!));
  return numpySum(weighted) / weights.reduce((a, b) => a + b, 0);
}
