import type { SparseRows } from '../sparse-rows.js';
import { binaryAsTwoColumns, binaryLogisticObjective } from './binary-logistic.js';
import { minimizeLbfgs } from './lbfgs.js';
import type { TrainedNetwork } from './model.js';

/**
 * Logistic regression with an L2 penalty, scikit-learn's LogisticRegression(C) with the lbfgs
 * solver: minimises Σ −log p(yᵢ|xᵢ) + ‖W‖² / 2C (the intercept is not penalised) — multinomial
 * for three or more classes, binary (one weight vector, as scikit-learn) for two.
 * `labels` are class indices 0..k−1.
 */
export function fitLogistic(
  x: SparseRows,
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
  const d = x.cols;
  const binary = classes === 2;
  const objective = binary
    ? binaryLogisticObjective(x, labels, options.c)
    : multinomialObjective(x, labels, classes, options.c);
  const size = binary ? d + 1 : d * classes + classes;
  const toNetwork = (theta: Float64Array) => networkOf(theta, d, classes);
  const { x: theta } = minimizeLbfgs(objective, new Float64Array(size), {
    maxIterations: options.maxIterations,
    gradientTolerance: options.tolerance,
    ...(options.onIteration
      ? {
          onIteration: (iteration: number, value: number, current: Float64Array) =>
            options.onIteration!(iteration, value / x.rows, () => toNetwork(current)),
        }
      : {}),
  });
  return toNetwork(theta);
}

function networkOf(theta: Float64Array, d: number, classes: number): TrainedNetwork {
  const { weights, bias } =
    classes === 2
      ? binaryAsTwoColumns(theta, d)
      : { weights: theta.slice(0, d * classes), bias: theta.slice(d * classes) };
  return {
    kind: 'linear',
    task: 'classification',
    activation: 'relu',
    layers: [
      {
        weights,
        bias,
        inputs: d,
        outputs: classes,
      },
    ],
  };
}

/** Σ −log softmax(x·W + b)[y] + ‖W‖²/2C over the rows, and its gradient. */
function multinomialObjective(
  x: SparseRows,
  labels: Int32Array,
  classes: number,
  c: number,
): (theta: Float64Array, gradient: Float64Array) => number {
  const { rows: n, cols: d, start, columns, values } = x;
  const logits = new Float64Array(classes);
  return (theta: Float64Array, gradient: Float64Array): number => {
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
      const label = labels[r]!;
      const labelLogit = logits[label]!;
      // logits become e^(logit − max), then the errors p_k − [k = label]: one exponential per class.
      let sum = 0;
      for (let k = 0; k < classes; k += 1) {
        logits[k] = Math.exp(logits[k]! - max);
        sum += logits[k]!;
      }
      loss += max + Math.log(sum) - labelLogit;
      for (let k = 0; k < classes; k += 1) {
        logits[k] = logits[k]! / sum - (label === k ? 1 : 0);
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
      gradient[j]! += theta[j]! / c;
    }
    return loss + penalty / (2 * c);
  };
}
