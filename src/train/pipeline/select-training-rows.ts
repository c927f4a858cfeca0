import { selectRows } from '../preprocess/column-data.js';
import type { TrainingData } from './fit-model.js';
import { selectTargetRows } from './training-target.js';

/** The training data restricted to rows `indices`, in that order. */
export function selectTrainingRows(data: TrainingData, indices: ArrayLike<number>): TrainingData {
  return {
    columns: selectRows(data.columns, indices),
    features: data.features,
    featureTypes: data.featureTypes,
    target: selectTargetRows(data.target, indices),
    rows: indices.length,
  };
}
