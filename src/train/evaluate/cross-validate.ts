import { kFolds } from '../folds.js';
import { fitModel, type FitOptions, type TrainingData } from '../pipeline/fit-model.js';
import { selectTrainingRows } from '../pipeline/select-training-rows.js';
import { Random } from '../random.js';
import { meanScores, score, type Scores } from './score.js';

export interface CrossValidation {
  /** Each metric's mean over the folds. */
  mean: Scores;
  folds: Scores[];
}

/**
 * k-fold cross-validation: shuffled folds, stratified by class for a classifier (as scikit-learn's
 * StratifiedKFold with shuffle), each scored by a model fitted on the other k−1 folds, the
 * preprocessing included, so nothing of the scored fold leaks into training.
 */
export function crossValidate(
  data: TrainingData,
  options: FitOptions,
  k: number,
  onFold?: (done: number, total: number) => void,
): CrossValidation {
  const random = new Random(options.seed);
  const labels = data.target.task === 'classification' ? data.target.labels : undefined;
  const folds = kFolds(data.rows, k, random, labels);
  const scores = folds.map((test, index) => {
    const inTest = new Uint8Array(data.rows);
    for (const row of test) inTest[row] = 1;
    const train: number[] = [];
    for (let row = 0; row < data.rows; row += 1) if (!inTest[row]) train.push(row);
    const model = fitModel(selectTrainingRows(data, train), { ...options, onEpoch: undefined });
    const held = selectTrainingRows(data, test);
    const result = score(held.target, model.predict(held.columns, held.rows));
    onFold?.(index + 1, k);
    return result;
  });
  return { mean: meanScores(scores), folds: scores };
}
