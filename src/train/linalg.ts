import { GyreError } from '../core/errors/index.js';

/** Dense row-major matrices over Float64Array: the few operations training needs, no more. */
export interface Matrix {
  rows: number;
  cols: number;
  data: Float64Array;
}

export function matrix(rows: number, cols: number, data = new Float64Array(rows * cols)): Matrix {
  return { rows, cols, data };
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

/** Rows `indices` of a row-major matrix, as a new matrix. */
export function takeRows(m: Matrix, indices: ArrayLike<number>): Matrix {
  const out = matrix(indices.length, m.cols);
  for (let r = 0; r < indices.length; r += 1)
    out.data.set(m.data.subarray(indices[r]! * m.cols, (indices[r]! + 1) * m.cols), r * m.cols);
  return out;
}

export function dot(
  a: Float64Array,
  aOffset: number,
  b: Float64Array,
  bOffset: number,
  n: number,
): number {
  let sum = 0;
  for (let i = 0; i < n; i += 1) sum += a[aOffset + i]! * b[bOffset + i]!;
  return sum;
}
