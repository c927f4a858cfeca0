import type { DenseLayer } from './model.js';

/**
 * A layer's parameters in plain arrays while it trains (see plainZeros for why not typed
 * arrays): weights inputs × outputs, row-major.
 */
export interface PlainLayer {
  weights: number[];
  bias: number[];
  inputs: number;
  outputs: number;
}

export function plainLayer(layer: DenseLayer): PlainLayer {
  return {
    weights: Array.from(layer.weights),
    bias: Array.from(layer.bias),
    inputs: layer.inputs,
    outputs: layer.outputs,
  };
}

export function denseLayer(layer: PlainLayer): DenseLayer {
  return {
    weights: Float64Array.from(layer.weights),
    bias: Float64Array.from(layer.bias),
    inputs: layer.inputs,
    outputs: layer.outputs,
  };
}
