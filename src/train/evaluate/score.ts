import { isGyreError } from '../../core/errors/index.js';
import {
  accuracy,
  logLoss,
  meanAbsoluteError,
  precisionRecallF1,
  r2Score,
  rocAuc,
  rocAucOvr,
  rootMeanSquaredError,
} from '../../metrics/index.js';
import type { Matrix } from '../linalg.js';
import type { TrainingTarget } from '../pipeline/training-target.js';

/** Metric name → value, as logged (`accuracy`, `f1_macro`, `rmse`, …). */
export type Scores = Record<string, number>;

export const classificationMetrics = [
  'accuracy',
  'precision_macro',
  'recall_macro',
  'f1_macro',
  'roc_auc',
  'log_loss',
] as const;
export const regressionMetrics = ['rmse', 'mae', 'r2'] as const;

/**
 * Scores predictions against the truth: class probabilities (rows × classes) for a classifier,
 * values (rows × 1) for a regressor. ROC-AUC is left out when the rows do not hold every class,
 * where it is not defined.
 */
export function score(target: TrainingTarget, predicted: Matrix): Scores {
  if (target.task === 'regression') {
    const truth = Array.from(target.values);
    const values = Array.from(predicted.data);
    return {
      rmse: rootMeanSquaredError(truth, values),
      mae: meanAbsoluteError(truth, values),
      r2: r2Score(truth, values),
    };
  }
  const truth = Array.from(target.labels);
  const classes = target.classes.map((_, i) => i);
  const rows = probabilityRows(predicted);
  const predictedLabels = rows.map(argMax);
  const macro = precisionRecallF1(truth, predictedLabels, { average: 'macro' });
  const scores: Scores = {
    accuracy: accuracy(truth, predictedLabels),
    precision_macro: macro.precision,
    recall_macro: macro.recall,
    f1_macro: macro.f1,
  };
  const auc = definedOrUndefined(() =>
    classes.length === 2
      ? rocAuc(
          truth,
          rows.map((row) => row[1]!),
        )
      : rocAucOvr(truth, rows, classes),
  );
  if (auc !== undefined) scores.roc_auc = auc;
  scores.log_loss = logLoss(truth, rows, classes);
  return scores;
}

function probabilityRows(predicted: Matrix): number[][] {
  const rows: number[][] = [];
  for (let r = 0; r < predicted.rows; r += 1)
    rows.push(Array.from(predicted.data.subarray(r * predicted.cols, (r + 1) * predicted.cols)));
  return rows;
}

function argMax(row: number[]): number {
  let best = 0;
  for (let i = 1; i < row.length; i += 1) if (row[i]! > row[best]!) best = i;
  return best;
}

/** A metric that the rows leave undefined (e.g. ROC-AUC of a fold missing a class) is skipped. */
function definedOrUndefined(compute: () => number): number | undefined {
  try {
    return compute();
  } catch (error) {
    if (isGyreError(error) && error.code === 'INVALID_PARAMETER_VALUE') return undefined;
    throw error;
  }
}

/** Means of each metric over folds; a metric missing from some folds is averaged over the rest. */
export function meanScores(folds: Scores[]): Scores {
  const sums = new Map<string, { total: number; count: number }>();
  for (const fold of folds)
    for (const [key, value] of Object.entries(fold)) {
      const entry = sums.get(key) ?? { total: 0, count: 0 };
      entry.total += value;
      entry.count += 1;
      sums.set(key, entry);
    }
  return Object.fromEntries([...sums].map(([key, { total, count }]) => [key, total / count]));
}
