import type { Matrix } from '../linalg.js';
import type { SparseRows } from '../sparse-rows.js';
import { affineRowsInto } from './mlp-workspace.js';

/** A trained predictor on preprocessed features. Parameters are plain arrays so they export to ONNX as they are. */
export interface DenseLayer {
  /** in × out, row-major */
  weights: Float64Array;
  bias: Float64Array;
  inputs: number;
  outputs: number;
}

export type Activation = 'relu' | 'tanh';

export interface TrainedNetwork {
  kind: 'linear' | 'mlp';
  task: 'regression' | 'classification';
  /** Hidden layers (MLP) then the output layer; a linear model has only the output layer. */
  layers: DenseLayer[];
  activation: Activation;
}

/** One epoch's losses, logged as run metrics. */
export interface EpochLoss {
  epoch: number;
  trainLoss: number;
  validationLoss?: number;
}

/** Raw outputs for rows of X: regression values (n × 1) or class probabilities (n × k). */
export function forward(network: TrainedNetwork, x: SparseRows): Matrix {
  const all = Int32Array.from({ length: x.rows }, (_, r) => r);
  let current = new Float64Array(x.rows * network.layers[0]!.outputs);
  affineRowsInto(current, x, all, network.layers[0]!);
  network.layers.forEach((layer, index) => {
    if (index > 0) {
      const out = new Float64Array(x.rows * layer.outputs);
      affineDenseInto(out, current, x.rows, layer);
      current = out;
    }
    for (let r = 0; r < x.rows; r += 1) {
      if (index < network.layers.length - 1)
        activate(current, r * layer.outputs, layer.outputs, network.activation);
      else if (network.task === 'classification')
        softmaxInPlace(current, r * layer.outputs, layer.outputs);
    }
  });
  return { rows: x.rows, cols: network.layers.at(-1)!.outputs, data: current };
}

/** out = input · W + b for dense inputs (m × inputs). */
function affineDenseInto(
  out: Float64Array,
  input: Float64Array,
  m: number,
  layer: DenseLayer,
): void {
  const { weights, bias, inputs, outputs } = layer;
  for (let r = 0; r < m; r += 1) {
    const o0 = r * outputs;
    out.set(bias, o0);
    for (let i = 0; i < inputs; i += 1) {
      const a = input[r * inputs + i]!;
      if (a === 0) continue;
      const w0 = i * outputs;
      for (let o = 0; o < outputs; o += 1) out[o0 + o]! += a * weights[w0 + o]!;
    }
  }
}

export function activate(
  values: Float64Array,
  offset: number,
  count: number,
  activation: Activation,
): void {
  for (let i = offset; i < offset + count; i += 1)
    values[i] = activation === 'relu' ? Math.max(0, values[i]!) : Math.tanh(values[i]!);
}

export function softmaxInPlace(values: Float64Array, offset: number, count: number): void {
  let max = -Infinity;
  for (let i = offset; i < offset + count; i += 1) max = Math.max(max, values[i]!);
  let sum = 0;
  for (let i = offset; i < offset + count; i += 1) {
    values[i] = Math.exp(values[i]! - max);
    sum += values[i]!;
  }
  for (let i = offset; i < offset + count; i += 1) values[i]! /= sum;
}
