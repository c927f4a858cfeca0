import { allocateTensorData } from '../runtime/datatype-table.js';
import { elementCount, type Tensor } from '../runtime/tensor.js';

/**
 * Tensors stacked along the first dimension, in order; all must share datatype and the other
 * dimensions (the batcher only groups such requests). Values are copied bit for bit.
 */
export function concatRows(tensors: readonly Tensor[]): Tensor {
  const first = tensors[0]!;
  const rows = tensors.reduce((sum, tensor) => sum + tensor.shape[0]!, 0);
  const shape = [rows, ...first.shape.slice(1)];
  if (first.datatype === 'BYTES') {
    const data = tensors.flatMap((tensor) => tensor.data as string[]);
    return { datatype: 'BYTES', shape, data };
  }
  const data = allocateTensorData(first.datatype, elementCount(shape));
  let offset = 0;
  for (const tensor of tensors) {
    // Same datatype, so the same array type: set() is a straight memory copy.
    (data as Uint8Array).set(tensor.data as Uint8Array, offset);
    offset += tensor.data.length;
  }
  return { datatype: first.datatype, shape, data } as Tensor;
}

/** Undoes `concatRows`: the first `rows[0]` rows, then the next `rows[1]`, …, each a copy. */
export function splitRows(tensor: Tensor, rows: readonly number[]): Tensor[] {
  const rest = tensor.shape.slice(1);
  const rowSize = elementCount(rest);
  let start = 0;
  return rows.map((count) => {
    const end = start + count * rowSize;
    // A copy, not a view: one caller's result must not keep the batch alive or alias another's.
    const data = tensor.data.slice(start, end);
    start = end;
    return { datatype: tensor.datatype, shape: [count, ...rest], data } as Tensor;
  });
}
