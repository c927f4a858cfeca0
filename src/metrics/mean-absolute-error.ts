import { numpyMean } from './numpy-sum.js';
import { checkRegressionInputs } from './regression-inputs.js';

/** Mean of |yPred - yTrue| (sklearn `mean_absolute_error`). */
export function meanAbsoluteError(yTrue: readonly number[], yPred: readonly number[]): number {
  checkRegressionInputs(yTrue, yPred);
  return numpyMean(yPred.map((p, i) => Math.abs(p - yTrue[i]!)));
}
