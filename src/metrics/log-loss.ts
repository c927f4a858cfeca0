import { invalidParameter } from '../core/errors/index.js';
import type { Label } from './labels.js';
import { numpyMean, numpySum } from './numpy-sum.js';
import { checkProbabilityInputs } from './probability-inputs.js';
import { checkFinite, checkPaired } from './validate.js';

export interface LogLossOptions {
  /**
   * Probabilities are clipped to [eps, 1 - eps] so a confident mistake costs a finite amount.
   * Defaults to sklearn 1.2.1's `eps="auto"`: float64 machine epsilon, 2^-52 (older sklearn
   * used 1e-15; pass that to reproduce them).
   */
  eps?: number;
}

/**
 * Mean negative log-likelihood of the true classes (sklearn `log_loss`). `proba[i][c]` is the
 * probability that sample i is `classes[c]`; for two classes `proba` may instead be one number
 * per sample, the probability of `classes[1]`. As in sklearn, probabilities are clipped and each
 * row is then divided by its sum, so rows that do not sum to 1 are renormalised, not rejected.
 */
export function logLoss(
  yTrue: readonly Label[],
  proba: readonly (readonly number[])[] | readonly number[],
  classes: readonly Label[],
  options: LogLossOptions = {},
): number {
  const eps = options.eps ?? Number.EPSILON;
  if (typeof eps !== 'number' || !(eps > 0 && eps < 0.5)) {
    throw invalidParameter('eps must be a number between 0 and 0.5 (exclusive)', { field: 'eps' });
  }
  const clip = (p: number) => Math.min(Math.max(p, eps), 1 - eps);
  let rows: number[][];
  if (isVector(proba)) {
    rows = binaryRows(yTrue, proba, classes, clip);
    checkProbabilityInputs(yTrue, rows, classes);
  } else {
    checkProbabilityInputs(yTrue, proba, classes);
    rows = proba.map((row) => row.map(clip));
  }
  const column = new Map(classes.map((label, c) => [label, c]));
  // Clipped rows are renormalised before the log, as sklearn does (numpy's sum for the total).
  const losses = yTrue.map((label, i) => {
    const row = rows[i]!;
    return -Math.log(row[column.get(label)!]! / numpySum(row));
  });
  return numpyMean(losses);
}

/** One probability per sample rather than rows; a mix is treated as rows and fails their check. */
function isVector(
  proba: readonly (readonly number[])[] | readonly number[],
): proba is readonly number[] {
  if (ArrayBuffer.isView(proba)) return true;
  return Array.isArray(proba) && proba.length > 0 && proba.every((value) => !Array.isArray(value));
}

/** sklearn's handling of a 1-D `y_pred`: clip p first, then use [1 - p, p] as the row. */
function binaryRows(
  yTrue: readonly Label[],
  proba: readonly number[],
  classes: readonly Label[],
  clip: (p: number) => number,
): number[][] {
  checkPaired('yTrue', yTrue, 'proba', proba);
  checkFinite('proba', proba);
  if (!Array.isArray(classes) || classes.length !== 2) {
    throw invalidParameter(
      'proba holds one probability per sample, which needs exactly two classes',
      { field: 'classes' },
    );
  }
  return proba.map((p) => {
    const q = clip(p);
    return [1 - q, q];
  });
}
