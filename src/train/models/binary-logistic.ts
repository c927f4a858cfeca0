import type { SparseRows } from '../sparse-rows.js';
import { logProductBlock } from './log-product.js';
import { plainZeros } from './plain-arrays.js';
import { rowBlocks } from './row-blocks.js';
import { sparseProductInto } from './sparse-product.js';

/** Rows per block of the objective (see rowBlocks): its vectors stay in the CPU's cache. */
const BLOCK_ROWS = 1 << 15;

/**
 * The objective of binary logistic regression, as scikit-learn fits two classes: one weight
 * vector w and intercept b (θ = [w, b]), minimising Σ log(1 + e^z) − y·z + ‖w‖²/2C with
 * z = x·w + b and y ∈ {0, 1}. Per block of rows: z = x·w, the loss and errors σ(z) − y, then
 * their share of the gradient xᵀ·errors.
 */
export function binaryLogisticObjective(
  x: SparseRows,
  labels: Int32Array,
  c: number,
): (theta: Float64Array, gradient: Float64Array) => number {
  const d = x.cols;
  const blocks = rowBlocks(x, BLOCK_ROWS);
  const w = plainZeros(d);
  const z = plainZeros(Math.min(BLOCK_ROWS, x.rows));
  const g = plainZeros(d);
  const logBlock = logProductBlock(2);
  return (theta, gradient) => {
    for (let j = 0; j < d; j += 1) w[j] = theta[j]!;
    g.fill(0);
    const intercept = theta[d]!;
    let loss = 0;
    let product = 1;
    let left = logBlock;
    let interceptGradient = 0;
    for (const { first, rows, transposed } of blocks) {
      sparseProductInto(z, rows, w, 1);
      for (let r = 0; r < rows.rows; r += 1) {
        const zr = z[r]! + intercept;
        const label = labels[first + r]!;
        // log(1 + e^z) = max(z, 0) + log(1 + e^−|z|) without overflow; σ(z) from the same e^−|z|.
        const magnitude = Math.abs(zr);
        const e = Math.exp(-magnitude);
        loss += 0.5 * (zr + magnitude) - label * zr;
        // Σ log(1 + e^−|z|) as the logarithm of products over runs of rows (see logProductBlock).
        product *= 1 + e;
        left -= 1;
        if (left === 0) {
          loss += Math.log(product);
          product = 1;
          left = logBlock;
        }
        const inverse = 1 / (1 + e);
        const error = (zr >= 0 ? inverse : e * inverse) - label;
        z[r] = error;
        interceptGradient += error;
      }
      sparseProductInto(g, transposed, z, 1, true);
    }
    loss += Math.log(product);
    let penalty = 0;
    for (let j = 0; j < d; j += 1) {
      penalty += w[j]! * w[j]!;
      gradient[j] = g[j]! + w[j]! / c;
    }
    gradient[d] = interceptGradient;
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
