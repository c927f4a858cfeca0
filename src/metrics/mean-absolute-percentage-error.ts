import { numpyMean } from './numpy-sum.js';
import { checkRegressionInputs } from './regression-inputs.js';

/**
 * Mean of |yPred - yTrue| / |yTrue| as a fraction, not a percentage (sklearn
 * `mean_absolute_percentage_error`). Like sklearn, a zero in yTrue divides by float64 machine
 * epsilon instead, so any miss there makes the score enormous (around 1e15) rather than infinite.
 */
export function meanAbsolutePercentageError(
  yTrue: readonly number[],
  yPred: readonly number[],
): number {
  checkRegressionInputs(yTrue, yPred);
  return numpyMean(
    yPred.map((p, i) => Math.abs(p - yTrue[i]!) / Math.max(Math.abs(yTrue[i]!), Number.EPSILON)),
  );
}
