import type { Matrix } from '../linalg.js';
import { toSparseRows } from '../sparse-rows.js';
import { minimizeLbfgs } from './lbfgs.js';
import type { TrainedNetwork } from './model.js';

/**
 * Multinomial logistic regression with an L2 penalty, scikit-learn's LogisticRegression(C) with
 * the lbfgs solver: minimises Σ −log p(yᵢ|xᵢ) + ‖W‖² / 2C (the intercept is not penalised).
 * `labels` are class indices 0..k−1.
 */
export function fitLogistic(
  x: Matrix,
  labels: Int32Array,
  classes: number,
  options: {
    c: number;
    maxIterations: number;
    /** Stop once no gradient component exceeds this (scikit-learn's tol, on the summed loss). */
    tolerance: number;
    /** Per L-BFGS iteration: the mean log loss plus penalty over the rows, and the model so far. */
    onIteration?: (iteration: number, loss: number, network: () => TrainedNetwork) => void;
  },
): TrainedNetwork {
  const { rows: n, cols: d } = x;
  const sparse = toSparseRows(x);
  const { start, columns, values } = sparse;
  const size = d * classes + classes;
  const logits = new Float64Array(classes);
  const objective = (theta: Float64Array, gradient: Float64Array): number => {
    gradient.fill(0);
    let loss = 0;
    for (let r = 0; r < n; r += 1) {
      for (let k = 0; k < classes; k += 1) logits[k] = theta[d * classes + k]!;
      for (let p = start[r]!; p < start[r + 1]!; p += 1) {
        const w0 = columns[p]! * classes;
        const xi = values[p]!;
        for (let k = 0; k < classes; k += 1) logits[k]! += xi * theta[w0 + k]!;
      }
      let max = -Infinity;
      for (let k = 0; k < classes; k += 1) max = Math.max(max, logits[k]!);
      let sum = 0;
      for (let k = 0; k < classes; k += 1) sum += Math.exp(logits[k]! - max);
      const logSum = max + Math.log(sum);
      const label = labels[r]!;
      loss += logSum - logits[label]!;
      // logits now hold the errors p_k − [k = label]
      for (let k = 0; k < classes; k += 1) {
        logits[k] = Math.exp(logits[k]! - logSum) - (label === k ? 1 : 0);
        gradient[d * classes + k]! += logits[k]!;
      }
      for (let p = start[r]!; p < start[r + 1]!; p += 1) {
        const w0 = columns[p]! * classes;
        const xi = values[p]!;
        for (let k = 0; k < classes; k += 1) gradient[w0 + k]! += xi * logits[k]!;
      }
    }
    let penalty = 0;
    for (let j = 0; j < d * classes; j += 1) {
      penalty += theta[j]! * theta[j]!;
      gradient[j]! += theta[j]! / options.c;
    }
    return loss + penalty / (2 * options.c);
  };
  const { x: theta } = minimizeLbfgs(objective, new Float64Array(size), {
    maxIterations: options.maxIterations,
    gradientTolerance: options.tolerance,
    ...(options.onIteration
      ? {
          onIteration: (iteration: number, value: number, current: Float64Array) =>
            options.onIteration!(iteration, value / n, () => toNetwork(current, d, classes)),
        }
      : {}),
  });
  return toNetwork(theta, d, classes);
}

function toNetwork(theta: Float64Array, d: number, classes: number): TrainedNetwork {
  return {
    kind: 'linear',
    task: 'classification',
    activation: 'relu',
    layers: [
      {
        weights: theta.slice(0, d * classes),
        bias: theta.slice(d * classes),
        inputs: d,
        outputs: classes,
      },
    ],
  };
}
