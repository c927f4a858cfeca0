/** ONNX TensorProto.DataType: number → name, the typed-array dtype and bytes per element. */
interface ElementType {
  name: string;
  dtype: string;
  bytes: number | undefined;
}

const table: Record<number, ElementType> = {
  1: { name: 'FLOAT', dtype: 'float32', bytes: 4 },
  2: { name: 'UINT8', dtype: 'uint8', bytes: 1 },
  3: { name: 'INT8', dtype: 'int8', bytes: 1 },
  4: { name: 'UINT16', dtype: 'uint16', bytes: 2 },
  5: { name: 'INT16', dtype: 'int16', bytes: 2 },
  6: { name: 'INT32', dtype: 'int32', bytes: 4 },
  7: { name: 'INT64', dtype: 'int64', bytes: 8 },
  8: { name: 'STRING', dtype: 'string', bytes: undefined },
  9: { name: 'BOOL', dtype: 'bool', bytes: 1 },
  10: { name: 'FLOAT16', dtype: 'float16', bytes: 2 },
  11: { name: 'DOUBLE', dtype: 'float64', bytes: 8 },
  12: { name: 'UINT32', dtype: 'uint32', bytes: 4 },
  13: { name: 'UINT64', dtype: 'uint64', bytes: 8 },
  14: { name: 'COMPLEX64', dtype: 'complex64', bytes: 8 },
  15: { name: 'COMPLEX128', dtype: 'complex128', bytes: 16 },
  16: { name: 'BFLOAT16', dtype: 'bfloat16', bytes: 2 },
  17: { name: 'FLOAT8E4M3FN', dtype: 'float8e4m3fn', bytes: 1 },
  18: { name: 'FLOAT8E4M3FNUZ', dtype: 'float8e4m3fnuz', bytes: 1 },
  19: { name: 'FLOAT8E5M2', dtype: 'float8e5m2', bytes: 1 },
  20: { name: 'FLOAT8E5M2FNUZ', dtype: 'float8e5m2fnuz', bytes: 1 },
  21: { name: 'UINT4', dtype: 'uint4', bytes: 0.5 },
  22: { name: 'INT4', dtype: 'int4', bytes: 0.5 },
};

export function elementType(code: number | null | undefined): ElementType {
  return (
    table[code ?? 0] ?? {
      name: code ? `TYPE_${code}` : 'UNDEFINED',
      dtype: 'unknown',
      bytes: undefined,
    }
  );
}

export function elementTypeCode(name: string): number | undefined {
  const entry = Object.entries(table).find(([, type]) => type.name === name || type.dtype === name);
  return entry ? Number(entry[0]) : undefined;
}
