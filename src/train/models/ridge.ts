import { solveSpd, type Matrix } from '../linalg.js';
import type { TrainedNetwork } from './model.js';

/**
 * Ridge regression in closed form, scikit-learn's Ridge(alpha) with an unpenalised intercept:
 * solve (XcᵀXc + αI) w = Xcᵀyc on centred data, intercept ȳ − x̄·w. The centred products are
 * computed from the raw ones (XcᵀXc = XᵀX − n·x̄x̄ᵀ) so that one-hot columns stay sparse.
 */
export function fitRidge(x: Matrix, y: Float64Array, alpha: number): TrainedNetwork {
  const { rows: n, cols: d } = x;
  const xMean = new Float64Array(d);
  const gram = new Float64Array(d * d);
  const xty = new Float64Array(d);
  let yMean = 0;
  const nonzero = new Int32Array(d);
  for (let r = 0; r < n; r += 1) {
    const row = r * d;
    let count = 0;
    for (let c = 0; c < d; c += 1) if (x.data[row + c] !== 0) nonzero[count++] = c;
    const target = y[r]!;
    yMean += target;
    for (let a = 0; a < count; a += 1) {
      const i = nonzero[a]!;
      const xi = x.data[row + i]!;
      xMean[i]! += xi;
      xty[i]! += xi * target;
      for (let b = 0; b <= a; b += 1) gram[i * d + nonzero[b]!]! += xi * x.data[row + nonzero[b]!]!;
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
