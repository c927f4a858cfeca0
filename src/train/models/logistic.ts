import type { SparseRows } from '../sparse-rows.js';
import { binaryAsTwoColumns, binaryLogisticObjective } from './binary-logistic.js';
import { minimizeLbfgs } from './lbfgs.js';
import type { TrainedNetwork } from './model.js';
import { multinomialObjective } from './multinomial-logistic.js';

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
