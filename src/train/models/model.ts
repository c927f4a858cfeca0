import { affineSparseInto } from './mlp-workspace.js';
import type { Matrix } from '../linalg.js';

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
export function forward(network: TrainedNetwork, x: Matrix): Matrix {
  let current = x.data;
  network.layers.forEach((layer, index) => {
    const out = affine(current, x.rows, layer);
    for (let r = 0; r < x.rows; r += 1) {
      if (index < network.layers.length - 1)
        activate(out, r * layer.outputs, layer.outputs, network.activation);
      else if (network.task === 'classification')
        softmaxInPlace(out, r * layer.outputs, layer.outputs);
    }
    current = out;
  });
  return { rows: x.rows, cols: network.layers.at(-1)!.outputs, data: current };
}

/** input (m × inputs) · W + b; zero inputs (most of a one-hot row) are skipped. */
export function affine(input: Float64Array, m: number, layer: DenseLayer): Float64Array {
  const out = new Float64Array(m * layer.outputs);
  affineSparseInto(out, input, m, layer);
  return out;
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
