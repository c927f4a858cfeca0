import type { SparseRows } from '../sparse-rows.js';

/** Rows first .. first + rows.rows of a matrix (a view: no entries copied), and their transpose. */
export interface RowBlock {
  first: number;
  rows: SparseRows;
  /** One row per column of the matrix, entries in increasing row order, rows counted from first. */
  transposed: SparseRows;
}

/**
 * x split into blocks of at most `size` rows, each with its transpose. The linear models compute
 * their loss a block at a time — x·w for the block's rows, their errors, then the gradient
 * xᵀ·errors over the block's transpose, a product over contiguous entries rather than a scatter
 * into the gradient for every entry of x — so that the per-row vectors are small, reused and
 * stay in cache, whatever the number of rows.
 */
export function rowBlocks(x: SparseRows, size: number): RowBlock[] {
  const blocks: RowBlock[] = [];
  for (let first = 0; first < x.rows; first += size) {
    const count = Math.min(size, x.rows - first);
    const rows = { ...x, rows: count, start: x.start.subarray(first, first + count + 1) };
    blocks.push({ first, rows, transposed: transpose(rows) });
  }
  return blocks;
}

function transpose(x: SparseRows): SparseRows {
  const { rows, cols, start, columns, values } = x;
  const from = start[0]!;
  const to = start[rows]!;
  const tStart = new Int32Array(cols + 1);
  for (let p = from; p < to; p += 1) tStart[columns[p]! + 1]! += 1;
  for (let c = 0; c < cols; c += 1) tStart[c + 1]! += tStart[c]!;
  const next = tStart.slice(0, cols);
  const tColumns = new Int32Array(to - from);
  const tValues = new Float64Array(to - from);
  for (let r = 0; r < rows; r += 1)
    for (let p = start[r]!; p < start[r + 1]!; p += 1) {
      const q = next[columns[p]!]!;
      next[columns[p]!] = q + 1;
      tColumns[q] = r;
      tValues[q] = values[p]!;
    }
  return { rows: cols, cols: rows, start: tStart, columns: tColumns, values: tValues };
}
