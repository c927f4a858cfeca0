import { plainZeros } from './plain-arrays.js';
import type { PlainLayer } from './plain-layer.js';

/**
 * Buffers for one minibatch's forward and backward pass, allocated once per fit: training
 * touches them thousands of times, and fresh arrays per batch cost more than the arithmetic.
 */
export class MlpWorkspace {
  /** outputs[l + 1]: layer l's activations for the batch (outputs[0], the input, stays sparse). */
  readonly outputs: number[][];
  /** deltas[l]: the loss gradient with respect to layer l's pre-activation outputs. */
  readonly deltas: number[][];
  readonly gradients: PlainLayer[];
  /** Per layer: its weights transposed (outputs × inputs), refreshed before each batch. */
  readonly weightsT: number[][];

  constructor(
    layers: PlainLayer[],
    readonly batchSize: number,
  ) {
    this.outputs = [[], ...layers.map((layer) => plainZeros(batchSize * layer.outputs))];
    this.deltas = layers.map((layer) => plainZeros(batchSize * layer.outputs));
    this.gradients = layers.map((layer) => ({
      weights: plainZeros(layer.weights.length),
      bias: plainZeros(layer.bias.length),
      inputs: layer.inputs,
      outputs: layer.outputs,
    }));
    this.weightsT = layers.map((layer) => plainZeros(layer.weights.length));
  }
}
