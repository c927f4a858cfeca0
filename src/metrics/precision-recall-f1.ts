import { invalidParameter } from '../core/errors/index.js';
import { classCounts } from './class-counts.js';
import { type Label, showLabel, sortedUniqueLabels } from './labels.js';
import { numpyMean, numpySum } from './numpy-sum.js';
import { checkLabelPairs, positiveLabel } from './validate.js';

/**
 * How per-class scores become one number, as sklearn's `average`: `binary` scores only
 * `posLabel`; `macro` is the plain mean over classes; `weighted` weighs each class by its
 * support; `micro` pools the counts of all classes (for single-label data it equals accuracy).
 */
export type Average = 'binary' | 'micro' | 'macro' | 'weighted';

export const averages: readonly Average[] = ['binary', 'micro', 'macro', 'weighted'];

export interface PrecisionRecallOptions {
  /** Defaults to `binary`, as in sklearn. */
  average?: Average;
  /**
   * The positive class for `binary`; ignored by the other averages. Defaults to 1, as in sklearn
   * (`true` for boolean labels); string labels must name it.
   */
  posLabel?: Label;
  /** The score of a class with nothing to divide by (no predictions, no samples); default 0. */
  zeroDivision?: 0 | 1;
}

export interface PrecisionRecallF1 {
  precision: number;
  recall: number;
  f1: number;
}

/** Precision, recall and F1 in one pass (sklearn `precision_recall_fscore_support`, beta 1). */
export function precisionRecallF1(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  options: PrecisionRecallOptions = {},
): PrecisionRecallF1 {
  const kind = checkLabelPairs(yTrue, yPred);
  const { average = 'binary', zeroDivision = 0 } = options;
  if (!averages.includes(average)) {
    throw invalidParameter(`average must be one of ${averages.join(', ')}`, { field: 'average' });
  }
  if (zeroDivision !== 0 && zeroDivision !== 1) {
    throw invalidParameter('zeroDivision must be 0 or 1', { field: 'zeroDivision' });
  }
  const present = sortedUniqueLabels(yTrue, yPred);
  let labels = present;
  if (average === 'binary') {
    const posLabel = positiveLabel(options.posLabel, kind);
    checkBinary(present, posLabel);
    labels = [posLabel];
  }
  let { truePositives: tp, predicted, actual } = classCounts(yTrue, yPred, labels);
  if (average === 'micro') [tp, predicted, actual] = [[sum(tp)], [sum(predicted)], [sum(actual)]];
  const precision = divide(tp, predicted, zeroDivision);
  const recall = divide(tp, actual, zeroDivision);
  // sklearn's F-beta formula for beta = 1, operation for operation, rather than 2tp/(2tp+fp+fn).
  const f1 = precision.map((p, i) => {
    const r = recall[i]!;
    const denominator = p + r;
    return (2 * p * r) / (denominator === 0 ? 1 : denominator);
  });
  const mean = average === 'weighted' ? (s: number[]) => weightedMean(s, actual) : numpyMean;
  return { precision: mean(precision), recall: mean(recall), f1: mean(f1) };
}

/** Precision: of the samples predicted as a class, the fraction truly of it. */
export function precision(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  options?: PrecisionRecallOptions,
): number {
  return precisionRecallF1(yTrue, yPred, options).precision;
}

/** Recall: of the samples truly of a class, the fraction predicted as it. */
export function recall(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  options?: PrecisionRecallOptions,
): number {
  return precisionRecallF1(yTrue, yPred, options).recall;
}

/** F1: the harmonic mean of precision and recall. */
export function f1(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  options?: PrecisionRecallOptions,
): number {
  return precisionRecallF1(yTrue, yPred, options).f1;
}

/** sklearn accepts a posLabel that does not occur only while at most one label does. */
function checkBinary(present: readonly Label[], posLabel: Label): void {
  const shown = `[${present.map(showLabel).join(', ')}]`;
  if (present.length > 2) {
    throw invalidParameter(
      `average 'binary' needs at most two labels but yTrue and yPred hold ${present.length}: ${shown}; choose average 'macro', 'weighted' or 'micro'`,
      { field: 'average' },
    );
  }
  if (present.length === 2 && !present.includes(posLabel)) {
    throw invalidParameter(`posLabel ${showLabel(posLabel)} is not one of the labels ${shown}`, {
      field: 'posLabel',
    });
  }
}

function divide(numerators: number[], denominators: number[], zeroDivision: number): number[] {
  return numerators.map((n, i) => (denominators[i] === 0 ? zeroDivision : n / denominators[i]!));
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** `np.average(scores, weights)`: weighted sum over the sum of weights. */
function weightedMean(scores: number[], weights: number[]): number {
  return numpySum(scores.map((s, i) => s * weights[i]!)) / sum(weights);
}
