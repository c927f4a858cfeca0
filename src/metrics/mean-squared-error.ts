import { numpyMean } from './numpy-sum.js';
import { checkRegressionInputs } from './regression-inputs.js';

/** Mean of (yTrue - yPred)² (sklearn `mean_squared_error`). */
export function meanSquaredError(yTrue: readonly number[], yPred: readonly number[]): number {
  checkRegressionInputs(yTrue, yPred);
  return numpyMean(yTrue.map((t, i) => squared(t - yPred[i]!)));
}

/** Square root of the mean squared error, in the target's own unit (sklearn `squared=False`). */
export function rootMeanSquaredError(yTrue: readonly number[], yPred: readonly number[]): number {
  return Math.sqrt(meanSquaredError(yTrue, yPred));
}

function squared(x: number): number {
  return x * x;
}
