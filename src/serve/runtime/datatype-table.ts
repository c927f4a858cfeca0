import type { Datatype, TensorData, TensorDataTypes } from './tensor.js';

type ArrayConstructorOf<A> = { new (length: number): A; readonly name: string };

interface DatatypeEntry<D extends Datatype> {
  /** The ONNX element type name `inspectOnnxModel` reports. */
  onnx: string;
  /** onnxruntime-node's tensor type string. */
  ort: string;
  /** Undefined for BYTES, stored as a plain string[]. */
  array: ArrayConstructorOf<TensorDataTypes[D]> | undefined;
}

const table: { [D in Datatype]: DatatypeEntry<D> } = {
  BOOL: { onnx: 'BOOL', ort: 'bool', array: Uint8Array },
  UINT8: { onnx: 'UINT8', ort: 'uint8', array: Uint8Array },
  UINT16: { onnx: 'UINT16', ort: 'uint16', array: Uint16Array },
  UINT32: { onnx: 'UINT32', ort: 'uint32', array: Uint32Array },
  UINT64: { onnx: 'UINT64', ort: 'uint64', array: BigUint64Array },
  INT8: { onnx: 'INT8', ort: 'int8', array: Int8Array },
  INT16: { onnx: 'INT16', ort: 'int16', array: Int16Array },
  INT32: { onnx: 'INT32', ort: 'int32', array: Int32Array },
  INT64: { onnx: 'INT64', ort: 'int64', array: BigInt64Array },
  FP16: { onnx: 'FLOAT16', ort: 'float16', array: Uint16Array },
  FP32: { onnx: 'FLOAT', ort: 'float32', array: Float32Array },
  FP64: { onnx: 'DOUBLE', ort: 'float64', array: Float64Array },
  BYTES: { onnx: 'STRING', ort: 'string', array: undefined },
};

const entries = Object.entries(table) as [Datatype, DatatypeEntry<Datatype>][];
const byOnnx = new Map(entries.map(([datatype, entry]) => [entry.onnx, datatype]));
const byOrt = new Map(entries.map(([datatype, entry]) => [entry.ort, datatype]));

/** The V2 datatype of an ONNX element type; undefined for types Gyre does not serve (BFLOAT16, complex, float8, 4-bit). */
export function datatypeOfOnnx(elementType: string): Datatype | undefined {
  return byOnnx.get(elementType);
}

export function datatypeOfOrt(type: string): Datatype | undefined {
  return byOrt.get(type);
}

export function ortTypeOf(datatype: Datatype): string {
  return table[datatype].ort;
}

/** A zero-filled array (empty strings for BYTES) of `length` elements. */
export function allocateTensorData<D extends Datatype>(
  datatype: D,
  length: number,
): TensorDataTypes[D] {
  const array = table[datatype].array;
  return (array ? new array(length) : new Array<string>(length).fill('')) as TensorDataTypes[D];
}

/** True when `data` is the array type `datatype` stores its elements in. */
export function holdsDatatype(datatype: Datatype, data: TensorData): boolean {
  const array = table[datatype].array;
  if (!array) return Array.isArray(data) && data.every((value) => typeof value === 'string');
  return data instanceof array;
}

/** How a datatype's elements are stored, for messages: `a Float32Array`. */
export function storageOf(datatype: Datatype): string {
  if (datatype === 'BOOL') return 'a Uint8Array of 0 and 1';
  if (datatype === 'FP16') return 'a Uint16Array of half-precision bits';
  const array = table[datatype].array;
  return array ? `a ${array.name}` : 'an array of strings';
}
