import type { Matrix } from '../linalg.js';
import type { SparseRows } from '../sparse-rows.js';
import { forwardChunks } from './forward-chunks.js';
import { plainLayer } from './plain-layer.js';

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
  const cols = network.layers.at(-1)!.outputs;
  const data = new Float64Array(x.rows * cols);
  const layers = network.layers.map(plainLayer);
  forwardChunks(layers, network.activation, network.task, x, (from, m, output) => {
    for (let i = 0; i < m * cols; i += 1) data[from * cols + i] = output[i]!;
  });
  return { rows: x.rows, cols, data };
}
