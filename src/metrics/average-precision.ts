import { invalidParameter } from '../core/errors/index.js';
import { type Label, showLabel, sortedUniqueLabels } from './labels.js';
import { numpySum } from './numpy-sum.js';
import { thresholdCounts } from './threshold-counts.js';
import { checkFinite, checkLabels, checkPaired, positiveLabel } from './validate.js';

export interface AveragePrecisionOptions {
  /**
   * The class the scores are for. Defaults to 1, as in sklearn (`true` for boolean labels);
   * string labels must name it. Note that rocAuc's default is the greater label instead.
   */
  posLabel?: Label;
}

/**
 * Area under the precision-recall curve of a binary problem as sklearn's
 * `average_precision_score` computes it: the precision at each distinct threshold weighted by the
 * recall gained there (a step function, no interpolation). If yTrue holds only one class sklearn
 * still answers: 1 when all samples are positive, 0 when none is.
 */
export function averagePrecision(
  yTrue: readonly Label[],
  scores: readonly number[],
  options: AveragePrecisionOptions = {},
): number {
  checkPaired('yTrue', yTrue, 'scores', scores);
  const kind = checkLabels('yTrue', yTrue);
  checkFinite('scores', scores);
  const posLabel = positiveLabel(options.posLabel, kind);
  const present = sortedUniqueLabels(yTrue);
  const shown = present.map(showLabel).join(', ');
  if (present.length > 2) {
    throw invalidParameter(
      `averagePrecision is for two classes but yTrue holds ${present.length} (${shown}); use averagePrecisionOvr with a score per class`,
      { field: 'yTrue' },
    );
  }
  if (present.length === 2 && !present.includes(posLabel)) {
    throw invalidParameter(`posLabel ${showLabel(posLabel)} is not one of the labels [${shown}]`, {
      field: 'posLabel',
    });
  }
  return binaryAveragePrecision(
    yTrue.map((label) => label === posLabel),
    scores,
  );
}

/**
 * sklearn's `-sum(diff(recall) * precision[:-1])` over the reversed curve, term for term and
 * summed as numpy sums, so the result matches to the last bit. With no positive at all sklearn
 * sets recall to 1 at every threshold, which makes the score 0.
 */
export function binaryAveragePrecision(
  positive: readonly boolean[],
  scores: readonly number[],
): number {
  const { falsePositives: fps, truePositives: tps } = thresholdCounts(positive, scores);
  const positives = tps[tps.length - 1]!;
  const recallAt = (i: number) => (i < 0 ? 0 : positives === 0 ? 1 : tps[i]! / positives);
  const terms: number[] = [];
  for (let i = tps.length - 1; i >= 0; i--) {
    const precision = tps[i]! / (tps[i]! + fps[i]!);
    terms.push((recallAt(i - 1) - recallAt(i)) * precision);
  }
  return 0 - numpySum(terms);
}
