/**
 * Model-quality metrics for evaluation gates, cross-validation and monitoring. Every function
 * returns the value scikit-learn 1.2.1 returns for the same inputs (within 1e-9; the tests
 * compare against fixtures that sklearn generated, see docs/metrics.md) and throws an
 * INVALID_PARAMETER_VALUE GyreError, naming the field, where sklearn raises or returns NaN.
 *
 * Classification metrics take labels (`Label`: strings, whole numbers or booleans, one kind per
 * call). Score-based metrics take one score per sample (binary) or a row of class probabilities
 * per sample in the column order of `classes`. Regression metrics take finite numbers.
 *
 * @packageDocumentation
 */

// Labels: accuracy, precision / recall / F1, confusion matrix.
export { accuracy } from './accuracy.js';
export {
  averages,
  f1,
  precision,
  precisionRecallF1,
  recall,
  type Average,
  type PrecisionRecallF1,
  type PrecisionRecallOptions,
} from './precision-recall-f1.js';
export {
  confusionMatrix,
  type ConfusionMatrix,
  type ConfusionMatrixOptions,
} from './confusion-matrix.js';

// Scores and probabilities: ROC-AUC, PR-AUC (average precision), log loss.
export { rocAuc, type RocAucOptions } from './roc-auc.js';
export { rocAucOvr } from './roc-auc-ovr.js';
export { averagePrecision, type AveragePrecisionOptions } from './average-precision.js';
export { averagePrecisionOvr } from './average-precision-ovr.js';
export { ovrAverages, type OvrAverage, type OvrOptions } from './one-vs-rest.js';
export { logLoss, type LogLossOptions } from './log-loss.js';

// Regression.
export { meanAbsoluteError } from './mean-absolute-error.js';
export { meanSquaredError, rootMeanSquaredError } from './mean-squared-error.js';
export { r2Score } from './r2-score.js';
export { meanAbsolutePercentageError } from './mean-absolute-percentage-error.js';

// Label ordering, shared with the trainers so class order agrees with sklearn's.
export { compareLabels, sortedUniqueLabels, type Label } from './labels.js';
