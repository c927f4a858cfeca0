import type { SparseRows } from '../sparse-rows.js';

/**
 * The objective of binary logistic regression, as scikit-learn fits two classes: one weight
 * vector w and intercept b (θ = [w, b]), minimising Σ log(1 + e^z) − y·z + ‖w‖²/2C with
 * z = x·w + b and y ∈ {0, 1}. Half the work of a two-column softmax per row, with one
 * exponential and one logarithm.
 */
export function binaryLogisticObjective(
  x: SparseRows,
  labels: Int32Array,
  c: number,
): (theta: Float64Array, gradient: Float64Array) => number {
  const { rows: n, cols: d, start, columns, values } = x;
  return (theta, gradient) => {
    gradient.fill(0);
    const intercept = theta[d]!;
    let loss = 0;
    let interceptGradient = 0;
    for (let r = 0; r < n; r += 1) {
      let z = intercept;
      const end = start[r + 1]!;
      for (let p = start[r]!; p < end; p += 1) z += values[p]! * theta[columns[p]!]!;
      const y = labels[r]!;
      // log(1 + e^z) without overflow, and σ(z) from the same exponential.
      const e = Math.exp(-Math.abs(z));
      loss += Math.max(z, 0) + Math.log1p(e) - y * z;
      const probability = z >= 0 ? 1 / (1 + e) : e / (1 + e);
      const error = probability - y;
      interceptGradient += error;
      for (let p = start[r]!; p < end; p += 1) gradient[columns[p]!]! += values[p]! * error;
    }
    gradient[d] = interceptGradient;
    let penalty = 0;
    for (let j = 0; j < d; j += 1) {
      penalty += theta[j]! * theta[j]!;
      gradient[j]! += theta[j]! / c;
    }
    return loss + penalty / (2 * c);
  };
}

/** θ = [w, b] as a two-output layer for softmax: column 0 all zeros, column 1 w, bias [0, b]. */
export function binaryAsTwoColumns(
  theta: Float64Array,
  d: number,
): { weights: Float64Array; bias: Float64Array } {
  const weights = new Float64Array(d * 2);
  for (let i = 0; i < d; i += 1) weights[i * 2 + 1] = theta[i]!;
  return { weights, bias: Float64Array.of(0, theta[d]!) };
}
