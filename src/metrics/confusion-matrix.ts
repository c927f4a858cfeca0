import { invalidParameter } from '../core/errors/index.js';
import { type Label, showLabel, sortedUniqueLabels } from './labels.js';
import { checkLabelPairs, checkLabels, type LabelKind } from './validate.js';

export interface ConfusionMatrix {
  /** The class of each row (true label) and each column (predicted label), in order. */
  labels: Label[];
  /** `matrix[i][j]`: how many samples of true class `labels[i]` were predicted as `labels[j]`. */
  matrix: number[][];
}

export interface ConfusionMatrixOptions {
  /**
   * Rows and columns to report, in this order. Defaults to every label of yTrue and yPred,
   * sorted. As in sklearn, samples whose true or predicted label is not listed are left out.
   */
  labels?: readonly Label[];
}

/** Counts of true label against predicted label (sklearn `confusion_matrix`). */
export function confusionMatrix(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  options: ConfusionMatrixOptions = {},
): ConfusionMatrix {
  const kind = checkLabelPairs(yTrue, yPred);
  const labels = options.labels
    ? checkChosenLabels(options.labels, kind, yTrue)
    : sortedUniqueLabels(yTrue, yPred);
  const index = new Map(labels.map((label, i) => [label, i]));
  const matrix = labels.map(() => labels.map(() => 0));
  for (let i = 0; i < yTrue.length; i++) {
    const row = index.get(yTrue[i]!);
    const column = index.get(yPred[i]!);
    if (row !== undefined && column !== undefined) matrix[row]![column]!++;
  }
  return { labels, matrix };
}

/** sklearn's rules for `labels`, plus no duplicates (sklearn would count such a class twice). */
function checkChosenLabels(labels: unknown, kind: LabelKind, yTrue: readonly Label[]): Label[] {
  if (!Array.isArray(labels))
    throw invalidParameter('labels must be an array', { field: 'labels' });
  if (labels.length === 0) {
    throw invalidParameter('labels is empty; list at least one label', { field: 'labels' });
  }
  if (checkLabels('labels', labels) !== kind) {
    throw invalidParameter(`labels must be ${kind} labels like yTrue`, { field: 'labels' });
  }
  const chosen = labels as Label[];
  if (new Set(chosen).size !== chosen.length) {
    throw invalidParameter('labels lists a label twice', { field: 'labels' });
  }
  if (!chosen.some((label) => yTrue.includes(label))) {
    throw invalidParameter(`none of labels [${chosen.map(showLabel).join(', ')}] occurs in yTrue`, {
      field: 'labels',
    });
  }
  return [...chosen];
}
