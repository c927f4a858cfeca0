import { invalidParameter } from '../core/errors/index.js';
import { numpyMean, numpySum } from './numpy-sum.js';
import { checkRegressionInputs } from './regression-inputs.js';

/**
 * Coefficient of determination, 1 - SS_res / SS_tot (sklearn `r2_score`). 1 is perfect, 0 is no
 * better than predicting the mean, and it is unbounded below. For a constant yTrue (SS_tot = 0)
 * sklearn's `force_finite` rule applies: 1 if the predictions are exact, else 0. "Constant" means
 * SS_tot is exactly 0 as numpy computes it; sums are numpy's, so the two agree on that too.
 * Fewer than two samples throw, where sklearn warns and returns NaN.
 */
export function r2Score(yTrue: readonly number[], yPred: readonly number[]): number {
  checkRegressionInputs(yTrue, yPred);
  if (yTrue.length < 2) {
    throw invalidParameter('R² is not defined for fewer than two samples', { field: 'yTrue' });
  }
  const mean = numpyMean(yTrue);
  const residual = numpySum(yTrue.map((t, i) => squared(t - yPred[i]!)));
  const total = numpySum(yTrue.map((t) => squared(t - mean)));
  if (residual === 0) return 1;
  return total === 0 ? 0 : 1 - residual / total;
}

function squared(x: number): number {
  return x * x;
}
