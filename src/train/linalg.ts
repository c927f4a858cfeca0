import { GyreError } from '../core/errors/index.js';

/** A dense row-major matrix (model outputs: rows × classes or rows × 1). */
export interface Matrix {
  rows: number;
  cols: number;
  data: Float64Array;
}

/** Solves A x = b for symmetric positive definite A (n × n, row-major) by Cholesky; b is overwritten-free. */
export function solveSpd(a: Float64Array, n: number, b: Float64Array): Float64Array {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i += 1) {
    for (let j = 0; j <= i; j += 1) {
      let sum = a[i * n + j]!;
      for (let k = 0; k < j; k += 1) sum -= l[i * n + k]! * l[j * n + k]!;
      if (i === j) {
        if (sum <= 0)
          throw new GyreError(
            'INVALID_PARAMETER_VALUE',
            'the features are linearly dependent and the penalty is 0; use alpha > 0',
          );
        l[i * n + i] = Math.sqrt(sum);
      } else {
        l[i * n + j] = sum / l[j * n + j]!;
      }
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i += 1) {
    let sum = b[i]!;
    for (let k = 0; k < i; k += 1) sum -= l[i * n + k]! * y[k]!;
    y[i] = sum / l[i * n + i]!;
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i -= 1) {
    let sum = y[i]!;
    for (let k = i + 1; k < n; k += 1) sum -= l[k * n + i]! * x[k]!;
    x[i] = sum / l[i * n + i]!;
  }
  return x;
}
