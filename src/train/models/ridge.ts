import { solveSpd } from '../linalg.js';
import type { SparseRows } from '../sparse-rows.js';
import type { TrainedNetwork } from './model.js';

/**
 * Ridge regression in closed form, scikit-learn's Ridge(alpha) with an unpenalised intercept:
 * solve (XcᵀXc + αI) w = Xcᵀyc on centred data, intercept ȳ − x̄·w. The centred products are
 * computed from the raw ones (XcᵀXc = XᵀX − n·x̄x̄ᵀ) so that one-hot columns stay sparse.
 */
export function fitRidge(x: SparseRows, y: Float64Array, alpha: number): TrainedNetwork {
  const { rows: n, cols: d, start, columns, values } = x;
  const xMean = new Float64Array(d);
  const gram = new Float64Array(d * d);
  const xty = new Float64Array(d);
  let yMean = 0;
  for (let r = 0; r < n; r += 1) {
    const target = y[r]!;
    yMean += target;
    for (let a = start[r]!; a < start[r + 1]!; a += 1) {
      const i = columns[a]!;
      const xi = values[a]!;
      xMean[i]! += xi;
      xty[i]! += xi * target;
      // Columns ascend within a row, so columns[b] ≤ i: the lower triangle.
      for (let b = start[r]!; b <= a; b += 1) gram[i * d + columns[b]!]! += xi * values[b]!;
    }
  }
  for (let c = 0; c < d; c += 1) xMean[c]! /= n;
  yMean /= n;
  for (let i = 0; i < d; i += 1) {
    xty[i]! -= n * xMean[i]! * yMean;
    for (let j = 0; j <= i; j += 1) {
      const value = gram[i * d + j]! - n * xMean[i]! * xMean[j]!;
      gram[i * d + j] = value;
      gram[j * d + i] = value;
    }
    gram[i * d + i]! += alpha;
  }
  const weights = d === 0 ? new Float64Array(0) : solveSpd(gram, d, xty);
  let intercept = yMean;
  for (let c = 0; c < d; c += 1) intercept -= xMean[c]! * weights[c]!;
  return {
    kind: 'linear',
    task: 'regression',
    activation: 'relu',
    layers: [{ weights, bias: Float64Array.of(intercept), inputs: d, outputs: 1 }],
  };
}
