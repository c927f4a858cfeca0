import type { DatetimePart } from '../../onnx/index.js';

/**
 * The fitted preprocessing, one step per model input. Numeric inputs are imputed with the mean
 * and standardised; categorical inputs are imputed with the most frequent value and one-hot
 * encoded (unknown values → all zeros); datetime columns become numeric parts (`date.year`, …).
 */
export interface NumericStep {
  kind: 'numeric';
  /** The ONNX input (and feature) name. */
  input: string;
  /** The source column; for datetime parts, the datetime column. */
  column: string;
  /** For a datetime part: which part. */
  part?: DatetimePart;
  mean: number;
  /** Standard deviation of the imputed training values; 1 when it is 0 (as scikit-learn). */
  scale: number;
}

export interface CategoricalStep {
  kind: 'categorical';
  input: string;
  column: string;
  /** Sorted, as scikit-learn's OneHotEncoder orders them. */
  categories: string[];
  /** Most frequent training value (ties: the smallest), used for missing values. */
  fill: string;
}

export type PreprocessStep = NumericStep | CategoricalStep;

/** Width of the feature vector a step produces. */
export function stepWidth(step: PreprocessStep): number {
  return step.kind === 'numeric' ? 1 : step.categories.length;
}
