import { binaryAveragePrecision } from './average-precision.js';
import type { Label } from './labels.js';
import { checkOvrAverage, oneVsRest, type OvrOptions } from './one-vs-rest.js';
import { checkProbabilityInputs } from './probability-inputs.js';

/**
 * Multiclass average precision, one class against the rest: what sklearn 1.2.1's
 * `average_precision_score` gives for `label_binarize(yTrue, classes)` and the score matrix.
 * `proba[i][c]` scores sample i for `classes[c]`; rows need not sum to 1. A class absent from
 * yTrue scores 0 (sklearn's value when there is no positive) and so lowers the macro average.
 */
export function averagePrecisionOvr(
  yTrue: readonly Label[],
  proba: readonly (readonly number[])[],
  classes: readonly Label[],
  options: OvrOptions = {},
): number {
  checkProbabilityInputs(yTrue, proba, classes);
  return oneVsRest(yTrue, proba, classes, checkOvrAverage(options.average), binaryAveragePrecision);
}
