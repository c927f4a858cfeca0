import type { SparseRows } from '../sparse-rows.js';
import { logProductBlock } from './log-product.js';
import { plainZeros } from './plain-arrays.js';
import { rowBlocks } from './row-blocks.js';
import { sparseProductInto } from './sparse-product.js';

/** Scores per block of the objective (rows × classes, see rowBlocks): they stay in cache. */
const BLOCK_SCORES = 1 << 15;

/**
 * Σ −log softmax(x·W + b)[y] + ‖W‖²/2C over the rows, and its gradient, a block of rows at a time
 * as the binary objective: the scores x·W, the loss and errors p − onehot(y), then their share of
 * the gradient xᵀ·errors.
 */
export function multinomialObjective(
  x: SparseRows,
  labels: Int32Array,
  classes: number,
  c: number,
): (theta: Float64Array, gradient: Float64Array) => number {
  const size = x.cols * classes;
  const blockRows = Math.max(1, Math.floor(BLOCK_SCORES / classes));
  const blocks = rowBlocks(x, blockRows);
  const w = plainZeros(size + classes);
  const scores = plainZeros(Math.min(blockRows, x.rows) * classes);
  const g = plainZeros(size);
  const biasGradient = plainZeros(classes);
  // Each row's Σ e^(logit − max) lies in [1, classes].
  const logBlock = logProductBlock(classes);
  return (theta: Float64Array, gradient: Float64Array): number => {
    for (let j = 0; j < size + classes; j += 1) w[j] = theta[j]!;
    g.fill(0);
    biasGradient.fill(0);
    let loss = 0;
    let product = 1;
    let left = logBlock;
    for (const { first, rows, transposed } of blocks) {
      sparseProductInto(scores, rows, w, classes);
      for (let r = 0; r < rows.rows; r += 1) {
        const s0 = r * classes;
        let max = -Infinity;
        for (let k = 0; k < classes; k += 1) {
          const logit = scores[s0 + k]! + w[size + k]!;
          scores[s0 + k] = logit;
          if (logit > max) max = logit;
        }
        const label = labels[first + r]!;
        loss += max - scores[s0 + label]!;
        // Scores become e^(logit − max), then the errors p_k − [k = label]: one exponential each.
        let sum = 0;
        for (let k = 0; k < classes; k += 1) {
          const e = Math.exp(scores[s0 + k]! - max);
          scores[s0 + k] = e;
          sum += e;
        }
        // Σ log(sum) as the logarithm of products over runs of rows (see logProductBlock).
        product *= sum;
        left -= 1;
        if (left === 0) {
          loss += Math.log(product);
          product = 1;
          left = logBlock;
        }
        const inverse = 1 / sum;
        for (let k = 0; k < classes; k += 1) {
          const error = scores[s0 + k]! * inverse - Number(label === k);
          scores[s0 + k] = error;
          biasGradient[k]! += error;
        }
      }
      sparseProductInto(g, transposed, scores, classes, true);
    }
    loss += Math.log(product);
    let penalty = 0;
    for (let j = 0; j < size; j += 1) {
      penalty += w[j]! * w[j]!;
      gradient[j] = g[j]! + w[j]! / c;
    }
    for (let k = 0; k < classes; k += 1) gradient[size + k] = biasGradient[k]!;
    return loss + penalty / (2 * c);
  };
}
