/**
 * The element storage of each Open Inference Protocol (KServe V2) datatype. The names are V2's
 * so a V2 request converts without a lookup table; the arrays are what onnxruntime-node takes
 * and gives, so a tensor crosses into a session run without a copy.
 */
export interface TensorDataTypes {
  /** One byte per element, 0 or 1 (onnxruntime's own storage for booleans). */
  BOOL: Uint8Array;
  UINT8: Uint8Array;
  UINT16: Uint16Array;
  UINT32: Uint32Array;
  UINT64: BigUint64Array;
  INT8: Int8Array;
  INT16: Int16Array;
  INT32: Int32Array;
  INT64: BigInt64Array;
  /** IEEE 754 half-precision bit patterns (Node has no Float16Array before 24). */
  FP16: Uint16Array;
  FP32: Float32Array;
  FP64: Float64Array;
  /** ONNX STRING tensors: one JS string per element. */
  BYTES: string[];
}

export type Datatype = keyof TensorDataTypes;

/**
 * A dense tensor in row-major order: `data.length` is the product of `shape` (1 for a scalar,
 * shape `[]`). The datatype decides the array type, so `tensor.data` narrows on
 * `tensor.datatype`.
 */
export type Tensor<D extends Datatype = Datatype> = {
  [K in D]: { datatype: K; shape: number[]; data: TensorDataTypes[K] };
}[D];

export type TensorData = TensorDataTypes[Datatype];

/** The V2 datatypes, in the order the protocol lists them. */
export const datatypes = [
  'BOOL',
  'UINT8',
  'UINT16',
  'UINT32',
  'UINT64',
  'INT8',
  'INT16',
  'INT32',
  'INT64',
  'FP16',
  'FP32',
  'FP64',
  'BYTES',
] as const satisfies readonly Datatype[];

/** Elements in a tensor of this shape (1 for a scalar). */
export function elementCount(shape: readonly number[]): number {
  let count = 1;
  for (const dim of shape) count *= dim;
  return count;
}

/**
 * What a model takes or gives, as the V2 model-metadata endpoint describes it: -1 for a
 * dimension the model leaves open. `shape` is null when the model does not declare its rank.
 */
export interface TensorSpec {
  name: string;
  datatype: Datatype;
  shape: number[] | null;
}
