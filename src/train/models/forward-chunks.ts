import type { SparseRows } from '../sparse-rows.js';
import { activateInPlace, affineInto, softmaxInPlace, transposeInto } from './dense-kernels.js';
import type { Activation, TrainedNetwork } from './model.js';
import { plainZeros } from './plain-arrays.js';
import type { PlainLayer } from './plain-layer.js';
import { affineRowsInto } from './sparse-kernels.js';

/** Rows per chunk: the buffers stay small and are reused, whatever the number of rows. */
const CHUNK_ROWS = 256;

/**
 * The forward pass over x's rows with the training kernels, a chunk of rows at a time:
 * `chunk(from, m, output)` receives the outputs of rows from .. from + m (m × the last layer's
 * width; regression values or class probabilities), valid until the next call.
 */
export function forwardChunks(
  layers: PlainLayer[],
  activation: Activation,
  task: TrainedNetwork['task'],
  x: SparseRows,
  chunk: (from: number, m: number, output: number[]) => void,
): void {
  const size = Math.min(CHUNK_ROWS, x.rows);
  const outputs = layers.map((layer) => plainZeros(size * layer.outputs));
  const weightsT = layers.map((layer, index) => {
    const transposed = plainZeros(index === 0 ? 0 : layer.weights.length);
    if (index > 0) transposeInto(transposed, layer.weights, layer.inputs, layer.outputs);
    return transposed;
  });
  const order = Array.from({ length: size }, (_, r) => r);
  for (let from = 0; from < x.rows; from += size) {
    const m = Math.min(size, x.rows - from);
    for (let r = 0; r < m; r += 1) order[r] = from + r;
    layers.forEach((layer, index) => {
      const out = outputs[index]!;
      if (index === 0) affineRowsInto(out, x, order, 0, m, layer);
      else affineInto(out, outputs[index - 1]!, m, layer, weightsT[index]!);
      if (index < layers.length - 1) activateInPlace(out, m * layer.outputs, activation);
      else if (task === 'classification')
        for (let r = 0; r < m; r += 1) softmaxInPlace(out, r * layer.outputs, layer.outputs);
    });
    chunk(from, m, outputs.at(-1)!);
  }
}
