import { invalidParameter } from '../../core/errors/index.js';
import { holdout } from '../folds.js';
import type { ModelParams } from '../params.js';
import type { Random } from '../random.js';
import type { TrainingData } from './fit-model.js';

/**
 * The rows early stopping trains on and validates on (stratified), refused when the validation
 * share is too small to judge by: an empty split would stop training after the first epochs.
 */
export function earlyStoppingSplit(
  data: TrainingData,
  params: ModelParams['mlp'],
  random: Random,
): { train: number[]; test: number[] } {
  const { target } = data;
  const labels = target.task === 'classification' ? target.labels : undefined;
  const split = holdout(data.rows, params.validation_fraction, random, labels);
  const needed = target.task === 'classification' ? target.classes.length : 2;
  if (split.test.length < needed || split.train.length === 0)
    throw invalidParameter(
      `early stopping holds out ${split.test.length} of ${data.rows} rows for validation, too few to judge (at least ${needed}); raise validation_fraction or turn early_stopping off`,
      { field: 'validation_fraction' },
    );
  return split;
}
