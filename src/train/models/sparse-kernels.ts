import type { PlainLayer } from './plain-layer.js';
import type { SparseRows } from '../sparse-rows.js';

/**
 * out (m × outputs) = x[rows] · W + b for the rows order[from .. from + m), visiting only their
 * non-zero entries. Entries four at a time, the first four together with the bias: one pass over
 * the row's outputs per four entries rather than per entry; the last one to three share a pass.
 */
export function affineRowsInto(
  out: number[],
  x: SparseRows,
  order: number[],
  from: number,
  m: number,
  layer: PlainLayer,
): void {
  const { weights: w, bias, outputs } = layer;
  const { start, columns, values } = x;
  for (let r = 0; r < m; r += 1) {
    const o0 = r * outputs;
    const row = order[from + r]!;
    const end = start[row + 1]!;
    let p = start[row]!;
    if (p + 4 <= end) {
      const a0 = values[p]!;
      const a1 = values[p + 1]!;
      const a2 = values[p + 2]!;
      const a3 = values[p + 3]!;
      const w0 = columns[p]! * outputs;
      const w1 = columns[p + 1]! * outputs;
      const w2 = columns[p + 2]! * outputs;
      const w3 = columns[p + 3]! * outputs;
      for (let o = 0; o < outputs; o += 1)
        out[o0 + o] =
          bias[o]! + a0 * w[w0 + o]! + a1 * w[w1 + o]! + a2 * w[w2 + o]! + a3 * w[w3 + o]!;
      p += 4;
    } else for (let o = 0; o < outputs; o += 1) out[o0 + o] = bias[o]!;
    for (; p + 4 <= end; p += 4) {
      const a0 = values[p]!;
      const a1 = values[p + 1]!;
      const a2 = values[p + 2]!;
      const a3 = values[p + 3]!;
      const w0 = columns[p]! * outputs;
      const w1 = columns[p + 1]! * outputs;
      const w2 = columns[p + 2]! * outputs;
      const w3 = columns[p + 3]! * outputs;
      for (let o = 0; o < outputs; o += 1)
        out[o0 + o]! += a0 * w[w0 + o]! + a1 * w[w1 + o]! + a2 * w[w2 + o]! + a3 * w[w3 + o]!;
    }
    const left = end - p;
    if (left === 3) {
      const a0 = values[p]!;
      const a1 = values[p + 1]!;
      const a2 = values[p + 2]!;
      const w0 = columns[p]! * outputs;
      const w1 = columns[p + 1]! * outputs;
      const w2 = columns[p + 2]! * outputs;
      for (let o = 0; o < outputs; o += 1)
        out[o0 + o]! += a0 * w[w0 + o]! + a1 * w[w1 + o]! + a2 * w[w2 + o]!;
    } else if (left === 2) {
      const a0 = values[p]!;
      const a1 = values[p + 1]!;
      const w0 = columns[p]! * outputs;
      const w1 = columns[p + 1]! * outputs;
      for (let o = 0; o < outputs; o += 1) out[o0 + o]! += a0 * w[w0 + o]! + a1 * w[w1 + o]!;
    } else if (left === 1) {
      const a0 = values[p]!;
      const w0 = columns[p]! * outputs;
      for (let o = 0; o < outputs; o += 1) out[o0 + o]! += a0 * w[w0 + o]!;
    }
  }
}

/**
 * The first layer's gradients, from the sparse rows order[from .. from + m) and the layer's
 * deltas. Rows four at a time: while the four rows hold the same column at the same position
 * (the numeric columns, which lead every row), one pass adds all four rows' terms to that
 * column's gradient; the rest (one-hot entries) is added row by row.
 */
export function layerGradientsRows(
  gradient: PlainLayer,
  x: SparseRows,
  order: number[],
  from: number,
  m: number,
  delta: number[],
): void {
  const { weights, bias, outputs } = gradient;
  const { start, columns, values } = x;
  weights.fill(0);
  bias.fill(0);
  let r = 0;
  for (; r + 4 <= m; r += 4) {
    const d0 = r * outputs;
    const d1 = d0 + outputs;
    const d2 = d1 + outputs;
    const d3 = d2 + outputs;
    for (let o = 0; o < outputs; o += 1)
      bias[o]! += delta[d0 + o]! + delta[d1 + o]! + delta[d2 + o]! + delta[d3 + o]!;
    const row0 = order[from + r]!;
    const row1 = order[from + r + 1]!;
    const row2 = order[from + r + 2]!;
    const row3 = order[from + r + 3]!;
    let p0 = start[row0]!;
    let p1 = start[row1]!;
    let p2 = start[row2]!;
    let p3 = start[row3]!;
    const e0 = start[row0 + 1]!;
    const e1 = start[row1 + 1]!;
    const e2 = start[row2 + 1]!;
    const e3 = start[row3 + 1]!;
    for (; p0 < e0 && p1 < e1 && p2 < e2 && p3 < e3; p0 += 1, p1 += 1, p2 += 1, p3 += 1) {
      const column = columns[p0]!;
      if (columns[p1] !== column || columns[p2] !== column || columns[p3] !== column) break;
      const a0 = values[p0]!;
      const a1 = values[p1]!;
      const a2 = values[p2]!;
      const a3 = values[p3]!;
      const w0 = column * outputs;
      for (let o = 0; o < outputs; o += 1)
        weights[w0 + o]! +=
          a0 * delta[d0 + o]! + a1 * delta[d1 + o]! + a2 * delta[d2 + o]! + a3 * delta[d3 + o]!;
    }
    addRow(weights, x, p0, e0, delta, d0, outputs);
    addRow(weights, x, p1, e1, delta, d1, outputs);
    addRow(weights, x, p2, e2, delta, d2, outputs);
    addRow(weights, x, p3, e3, delta, d3, outputs);
  }
  for (; r < m; r += 1) {
    const d0 = r * outputs;
    for (let o = 0; o < outputs; o += 1) bias[o]! += delta[d0 + o]!;
    const row = order[from + r]!;
    addRow(weights, x, start[row]!, start[row + 1]!, delta, d0, outputs);
  }
}

/** weights[column] += value · delta[d0 ..] for the entries p .. end of one row. */
function addRow(
  weights: number[],
  x: SparseRows,
  p: number,
  end: number,
  delta: number[],
  d0: number,
  outputs: number,
): void {
  const { columns, values } = x;
  for (; p < end; p += 1) {
    const a = values[p]!;
    const w0 = columns[p]! * outputs;
    for (let o = 0; o < outputs; o += 1) weights[w0 + o]! += a * delta[d0 + o]!;
  }
}
