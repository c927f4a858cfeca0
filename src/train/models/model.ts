import type { Matrix } from '../linalg.js';
import type { SparseRows } from '../sparse-rows.js';
import { activateInPlace, affineInto, affineRowsInto, transposeInto } from './mlp-workspace.js';

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
  const rows = Int32Array.from({ length: x.rows }, (_, r) => r);
  let current = new Float64Array(0);
  network.layers.forEach((layer, index) => {
    const out = new Float64Array(x.rows * layer.outputs);
    if (index === 0) affineRowsInto(out, x, rows, layer);
    else {
      const weightsT = new Float64Array(layer.weights.length);
      transposeInto(weightsT, layer.weights, layer.inputs, layer.outputs);
      affineInto(out, current, x.rows, layer, weightsT);
    }
    if (index < network.layers.length - 1) activateInPlace(out, out.length, network.activation);
    else if (network.task === 'classification')
      for (let r = 0; r < x.rows; r += 1) softmaxInPlace(out, r * layer.outputs, layer.outputs);
    current = out;
  });
  return { rows: x.rows, cols: network.layers.at(-1)!.outputs, data: current };
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
