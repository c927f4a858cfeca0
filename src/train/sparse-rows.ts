import type { Matrix } from './linalg.js';

/**
 * A matrix's non-zero entries row by row (CSR). Preprocessed tabular rows are mostly zeros —
 * each categorical column contributes one 1 among its categories — so the linear models and the
 * MLP's first layer visit only these entries: 8 per row instead of 460 on the flights data.
 */
export interface SparseRows {
  rows: number;
  cols: number;
  /** Row r's entries are at [start[r], start[r + 1]). */
  start: Int32Array;
  columns: Int32Array;
  values: Float64Array;
}

export function toSparseRows(x: Matrix): SparseRows {
  let count = 0;
  for (let i = 0; i < x.data.length; i += 1) if (x.data[i] !== 0) count += 1;
  const start = new Int32Array(x.rows + 1);
  const columns = new Int32Array(count);
  const values = new Float64Array(count);
  let next = 0;
  for (let r = 0; r < x.rows; r += 1) {
    const row = r * x.cols;
    for (let c = 0; c < x.cols; c += 1) {
      const value = x.data[row + c]!;
      if (value === 0) continue;
      columns[next] = c;
      values[next] = value;
      next += 1;
    }
    start[r + 1] = next;
  }
  return { rows: x.rows, cols: x.cols, start, columns, values };
}
