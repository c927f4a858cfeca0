import { invalidParameter } from '../core/errors/index.js';
import { type Label, showLabel, sortedUniqueLabels } from './labels.js';
import { thresholdCounts } from './threshold-counts.js';
import { checkFinite, checkLabel, checkLabels, checkPaired } from './validate.js';

export interface RocAucOptions {
  /**
   * The class the scores are for. Defaults to the greater of the two labels (numbers by value,
   * strings by code point), which is the class sklearn's `roc_auc_score` takes as positive.
   */
  posLabel?: Label;
}

/**
 * Area under the ROC curve of a binary problem (sklearn `roc_auc_score`): the probability that a
 * random positive outscores a random negative, ties counting half. yTrue must hold both classes.
 */
export function rocAuc(
  yTrue: readonly Label[],
  scores: readonly number[],
  options: RocAucOptions = {},
): number {
  checkPaired('yTrue', yTrue, 'scores', scores);
  const kind = checkLabels('yTrue', yTrue);
  checkFinite('scores', scores);
  const present = sortedUniqueLabels(yTrue);
  const shown = present.map(showLabel).join(', ');
  if (present.length !== 2) {
    throw invalidParameter(
      present.length < 2
        ? `ROC-AUC is not defined when yTrue holds only one class (${shown})`
        : `rocAuc is for two classes but yTrue holds ${present.length} (${shown}); use rocAucOvr with a probability per class`,
      { field: 'yTrue' },
    );
  }
  const posLabel = options.posLabel ?? present[1]!;
  checkLabel('posLabel', posLabel, kind);
  if (!present.includes(posLabel)) {
    throw invalidParameter(`posLabel ${showLabel(posLabel)} is not one of the labels [${shown}]`, {
      field: 'posLabel',
    });
  }
  return binaryRocAuc(
    yTrue.map((label) => label === posLabel),
    scores,
  );
}

/**
 * The trapezoid area under the ROC curve through every distinct threshold. sklearn divides the
 * counts into rates first and sums floating trapezoids; summing integer areas and dividing once
 * gives the same value, exactly rounded. Both classes must be present.
 */
export function binaryRocAuc(positive: readonly boolean[], scores: readonly number[]): number {
  const { falsePositives: fps, truePositives: tps } = thresholdCounts(positive, scores);
  let area = 0;
  let [fp, tp] = [0, 0];
  for (let i = 0; i < fps.length; i++) {
    area += (fps[i]! - fp) * (tps[i]! + tp);
    [fp, tp] = [fps[i]!, tps[i]!];
  }
  return area / (2 * fp * tp);
}
