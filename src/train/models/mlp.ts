import type { SparseRows } from '../sparse-rows.js';
import type { Random } from '../random.js';
import { standardisation, type Standardisation } from '../preprocess/standardisation.js';
import { Adam } from './adam.js';
import {
  activateInPlace,
  affineInto,
  backpropagate,
  layerGradients,
  softmaxInPlace,
  transposeInto,
} from './dense-kernels.js';
import { forwardChunks } from './forward-chunks.js';
import { MlpWorkspace } from './mlp-workspace.js';
import type { Activation, DenseLayer, EpochLoss, TrainedNetwork } from './model.js';
import { denseLayer, plainLayer, type PlainLayer } from './plain-layer.js';
import { affineRowsInto, layerGradientsRows } from './sparse-kernels.js';

export interface MlpOptions {
  hiddenLayers: number[];
  activation: Activation;
  /** L2 penalty (scikit-learn's alpha). */
  alpha: number;
  learningRate: number;
  batchSize: number;
  maxEpochs: number;
  tolerance: number;
  patience: number;
  random: Random;
  /** With a validation split: stop on its loss and keep the best weights (early stopping). */
  validation?: { x: SparseRows; target: Targets };
  /** Rows whose loss is reported each epoch as the validation loss but never steers training. */
  monitor?: { x: SparseRows; target: Targets };
  onEpoch?: (loss: EpochLoss) => void;
}

/** Class indices (classification, `classes` outputs) or values (regression, one output). */
export type Targets =
  | { kind: 'classes'; labels: Int32Array; classes: number }
  | { kind: 'values'; values: Float64Array };

/**
 * A multi-layer perceptron trained with Adam on minibatches, as scikit-learn's MLPClassifier /
 * MLPRegressor: Glorot-uniform initialisation, L2 penalty alpha/2·‖W‖²/batch, softmax + log loss
 * or identity + squared loss/2, stopping once more than `patience` epochs in a row improve the
 * watched loss by less than `tolerance`. Regression targets are standardised while training
 * (scikit-learn does not, and on targets far from 0 needs several times the epochs); the scale is
 * folded back into the output layer, and losses are reported in the target's own units.
 * Parameters and buffers are plain arrays while training (see plainZeros).
 */
export function fitMlp(x: SparseRows, target: Targets, options: MlpOptions): TrainedNetwork {
  const scaling = target.kind === 'values' ? standardisation(target.values) : { mean: 0, scale: 1 };
  const scaled = scaleTargets(target, scaling);
  const outputs = target.kind === 'classes' ? target.classes : 1;
  const sizes = [x.cols, ...options.hiddenLayers, outputs];
  const layers = sizes
    .slice(1)
    .map((size, i) => plainLayer(initLayer(sizes[i]!, size, options.random)));
  const adam = new Adam(layers, options.learningRate);
  const task = target.kind === 'classes' ? 'classification' : 'regression';
  const batchSize = Math.max(1, Math.min(options.batchSize, x.rows));
  const work = new MlpWorkspace(layers, batchSize);
  const watch = (rows: { x: SparseRows; target: Targets }) => ({
    x: rows.x,
    target: scaleTargets(rows.target, scaling),
  });
  const validation = options.validation && watch(options.validation);
  const watchedRows = validation ?? (options.monitor && watch(options.monitor));
  const unitsFactor = scaling.scale * scaling.scale;
  let best = Infinity;
  let bestLayers: PlainLayer[] | undefined;
  let stale = 0;
  for (let epoch = 1; epoch <= options.maxEpochs; epoch += 1) {
    const order = options.random.permutation(x.rows);
    let total = 0;
    for (let start = 0; start < order.length; start += batchSize) {
      const m = Math.min(batchSize, order.length - start);
      const step = { order, from: start, m };
      total +=
        trainBatch(layers, options.activation, x, scaled, step, options.alpha, adam, work) * m;
    }
    const trainLoss = total / x.rows;
    const validationLoss = watchedRows
      ? lossOnRows(layers, options.activation, task, watchedRows.x, watchedRows.target)
      : undefined;
    options.onEpoch?.({
      epoch,
      trainLoss: trainLoss * unitsFactor,
      ...(validationLoss === undefined ? {} : { validationLoss: validationLoss * unitsFactor }),
    });
    const watched = validation ? validationLoss! : trainLoss;
    if (watched > best - options.tolerance) stale += 1;
    else stale = 0;
    if (watched < best) {
      best = watched;
      if (validation) bestLayers = layers.map(copyLayer);
    }
    if (stale > options.patience) break;
  }
  const network: TrainedNetwork = {
    kind: 'mlp',
    task,
    layers: (bestLayers ?? layers).map(denseLayer),
    activation: options.activation,
  };
  unscaleOutput(network.layers.at(-1)!, scaling);
  return network;
}

function scaleTargets(target: Targets, { mean, scale }: Standardisation): Targets {
  if (target.kind === 'classes' || (mean === 0 && scale === 1)) return target;
  return { kind: 'values', values: target.values.map((v) => (v - mean) / scale) };
}

/** y = (x·W + b)·scale + mean, as weights: W·scale and b·scale + mean. */
function unscaleOutput(layer: DenseLayer, { mean, scale }: Standardisation): void {
  for (let j = 0; j < layer.weights.length; j += 1) layer.weights[j]! *= scale;
  for (let o = 0; o < layer.bias.length; o += 1) layer.bias[o] = layer.bias[o]! * scale + mean;
}

function initLayer(inputs: number, outputs: number, random: Random): DenseLayer {
  const bound = Math.sqrt(6 / (inputs + outputs));
  const weights = new Float64Array(inputs * outputs).map(() => random.uniform(-bound, bound));
  const bias = new Float64Array(outputs).map(() => random.uniform(-bound, bound));
  return { weights, bias, inputs, outputs };
}

function copyLayer(layer: PlainLayer): PlainLayer {
  return { ...layer, weights: layer.weights.slice(), bias: layer.bias.slice() };
}

/**
 * Forward and backward pass over the minibatch order[from .. from + m), then an Adam step;
 * returns the batch loss.
 */
function trainBatch(
  layers: PlainLayer[],
  activation: Activation,
  x: SparseRows,
  target: Targets,
  { order, from, m }: { order: number[]; from: number; m: number },
  alpha: number,
  adam: Adam,
  work: MlpWorkspace,
): number {
  for (let l = 0; l < layers.length; l += 1) {
    const layer = layers[l]!;
    const out = work.outputs[l + 1]!;
    if (l === 0) affineRowsInto(out, x, order, from, m, layer);
    else {
      transposeInto(work.weightsT[l]!, layer.weights, layer.inputs, layer.outputs);
      affineInto(out, work.outputs[l]!, m, layer, work.weightsT[l]!);
    }
    if (l < layers.length - 1) activateInPlace(out, m * layer.outputs, activation);
    else if (target.kind === 'classes')
      for (let r = 0; r < m; r += 1) softmaxInPlace(out, r * layer.outputs, layer.outputs);
  }
  const last = layers.length - 1;
  const loss = outputDelta(
    work.deltas[last]!,
    work.outputs[last + 1]!,
    target,
    order,
    from,
    m,
    layers[last]!.outputs,
  );
  for (let l = last; l >= 0; l -= 1) {
    const gradient = work.gradients[l]!;
    if (l === 0) layerGradientsRows(gradient, x, order, from, m, work.deltas[0]!);
    else layerGradients(gradient, work.outputs[l]!, work.deltas[l]!, m);
    if (l > 0)
      backpropagate(
        work.deltas[l - 1]!,
        work.deltas[l]!,
        work.outputs[l]!,
        m,
        layers[l]!,
        activation,
      );
  }
  // The penalty alpha/2·‖W‖²/m: its gradient alpha·W/m is added by the Adam step.
  const squares = adam.step(layers, work.gradients, alpha / m);
  return loss + (0.5 * alpha * squares) / m;
}

/** Fills the output layer's delta (prediction − truth, over the batch size) and returns the mean loss. */
function outputDelta(
  delta: number[],
  output: number[],
  target: Targets,
  order: number[],
  from: number,
  m: number,
  width: number,
): number {
  let loss = 0;
  for (let r = 0; r < m; r += 1) {
    const row = order[from + r]!;
    if (target.kind === 'values') {
      const error = output[r]! - target.values[row]!;
      delta[r] = error / m;
      loss += (error * error) / 2;
      continue;
    }
    const label = target.labels[row]!;
    for (let k = 0; k < width; k += 1) {
      const predicted = output[r * width + k]!;
      delta[r * width + k] = (predicted - Number(label === k)) / m;
    }
    loss -= Math.log(Math.max(output[r * width + label]!, 1e-15));
  }
  return loss / m;
}

/** Mean loss on a data set (no penalty), for validation curves. */
export function evaluateLoss(network: TrainedNetwork, x: SparseRows, target: Targets): number {
  return lossOnRows(network.layers.map(plainLayer), network.activation, network.task, x, target);
}

function lossOnRows(
  layers: PlainLayer[],
  activation: Activation,
  task: TrainedNetwork['task'],
  x: SparseRows,
  target: Targets,
): number {
  const cols = layers.at(-1)!.outputs;
  let loss = 0;
  forwardChunks(layers, activation, task, x, (from, m, output) => {
    for (let r = 0; r < m; r += 1) {
      if (target.kind === 'classes')
        loss -= Math.log(Math.max(output[r * cols + target.labels[from + r]!]!, 1e-15));
      else loss += (output[r]! - target.values[from + r]!) ** 2 / 2;
    }
  });
  return loss / Math.max(1, x.rows);
}
