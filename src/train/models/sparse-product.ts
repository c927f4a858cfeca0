import type { SparseRows } from '../sparse-rows.js';

/**
 * out (x.rows × k) = x · v — or out += x · v with `accumulate` — for v (x.cols × k, row-major).
 * Each output is summed in registers, four partial sums at a time: rows of a transpose (see
 * rowBlocks) run to tens of thousands of entries, and a single sum would wait on each addition
 * in turn. The order of the additions depends only on the row, so results are reproducible.
 */
export function sparseProductInto(
  out: number[],
  x: SparseRows,
  v: number[],
  k: number,
  accumulate = false,
): void {
  const { rows, start, columns, values } = x;
  for (let r = 0; r < rows; r += 1) {
    const from = start[r]!;
    const end = start[r + 1]!;
    // Rows of a block's transpose are often empty (categories absent from the block).
    if (from === end && accumulate) continue;
    for (let c = 0; c < k; c += 1) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let p = from;
      for (; p + 4 <= end; p += 4) {
        s0 += values[p]! * v[columns[p]! * k + c]!;
        s1 += values[p + 1]! * v[columns[p + 1]! * k + c]!;
        s2 += values[p + 2]! * v[columns[p + 2]! * k + c]!;
        s3 += values[p + 3]! * v[columns[p + 3]! * k + c]!;
      }
      for (; p < end; p += 1) s0 += values[p]! * v[columns[p]! * k + c]!;
      const sum = s0 + s1 + (s2 + s3);
      out[r * k + c] = accumulate ? out[r * k + c]! + sum : sum;
    }
  }
}
