import { GyreError } from '../../core/errors/index.js';
import type { RuntimeTensor, RuntimeTensorFactory } from '../../onnx/index.js';
import { datatypeOfOrt, ortTypeOf } from './datatype-table.js';
import type { Tensor } from './tensor.js';

/** Wraps a Gyre tensor for onnxruntime without copying its data. */
export function toRuntimeTensor(make: RuntimeTensorFactory, tensor: Tensor): RuntimeTensor {
  return make(ortTypeOf(tensor.datatype), tensor.data, tensor.shape);
}

/** An onnxruntime output as a Gyre tensor, sharing its data. */
export function fromRuntimeTensor(name: string, tensor: RuntimeTensor): Tensor {
  const datatype = datatypeOfOrt(tensor.type);
  if (!datatype)
    throw new GyreError(
      'INTERNAL_ERROR',
      `output '${name}' came back as ${tensor.type}, which Gyre does not serve`,
    );
  let data = tensor.data as Tensor['data'];
  // Where Float16Array exists onnxruntime returns one; Gyre's FP16 storage is the raw bits.
  if (datatype === 'FP16' && !(data instanceof Uint16Array)) {
    const half = data as unknown as ArrayBufferView & { length: number };
    data = new Uint16Array(half.buffer, half.byteOffset, half.length);
  }
  return { datatype, shape: [...tensor.dims], data } as Tensor;
}
