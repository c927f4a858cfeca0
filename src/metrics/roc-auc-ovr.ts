import { invalidParameter } from '../core/errors/index.js';
import { type Label, showLabel } from './labels.js';
import { numpySum } from './numpy-sum.js';
import { checkOvrAverage, oneVsRest, type OvrOptions } from './one-vs-rest.js';
import { checkProbabilityInputs } from './probability-inputs.js';
import { binaryRocAuc } from './roc-auc.js';

/**
 * Multiclass ROC-AUC, one class against the rest (sklearn `roc_auc_score` with
 * `multi_class='ovr'`). `proba[i][c]` is the probability that sample i is `classes[c]`; columns
 * may be in any class order. As in sklearn, rows must sum to 1 (within `np.allclose`) and every
 * class must occur in yTrue, since a class's ROC-AUC needs samples on both sides. With two
 * classes it is the mean of both columns' AUCs, which equals `rocAuc` on the second column when
 * rows sum to 1 exactly (sklearn's `roc_auc_score` refuses a two-column score there).
 */
export function rocAucOvr(
  yTrue: readonly Label[],
  proba: readonly (readonly number[])[],
  classes: readonly Label[],
  options: OvrOptions = {},
): number {
  checkProbabilityInputs(yTrue, proba, classes);
  const average = checkOvrAverage(options.average);
  proba.forEach((row, i) => {
    const total = numpySum(row);
    // np.allclose(1, total): sklearn's test that the scores are probabilities.
    if (!(Math.abs(1 - total) <= 1e-8 + 1e-5 * Math.abs(total))) {
      throw invalidParameter(
        `proba[${i}] sums to ${total}; multiclass ROC-AUC needs probabilities that sum to 1`,
        { field: 'proba', index: i },
      );
    }
  });
  const present = new Set(yTrue);
  const missing = classes.find((label) => !present.has(label));
  if (missing !== undefined) {
    throw invalidParameter(
      `class ${showLabel(missing)} does not occur in yTrue; its one-vs-rest ROC-AUC is not defined`,
      { field: 'yTrue' },
    );
  }
  return oneVsRest(yTrue, proba, classes, average, binaryRocAuc);
}
