import { DataType, DateUnit, makeVector, Precision, type Data, type Vector } from 'apache-arrow';
import { int64Cells, isInt64Backed, type TooLargeInteger } from './arrow-int64.js';
import { utf8Cells } from './arrow-strings.js';
import type { Cell } from './types.js';

const MS_PER_DAY = 86_400_000;

/** Dictionaries are shared by every batch of a column; decode each one once. */
const decodedDictionaries = new WeakMap<Vector, Cell[]>();

/**
 * Rows `start` to `end` of one Arrow array as cells. The common types are read straight from
 * their buffers: `Vector.get` per value made streaming the 3-million-row flights Parquet file
 * several times slower (a BigInt per int64, a decode per string). Others use `Vector.get`.
 */
export function dataCells(
  data: Data,
  start: number,
  end: number,
  tooLarge: TooLargeInteger,
): Cell[] {
  const type: DataType = data.type;
  const cells = new Array<Cell>(end - start);
  if (DataType.isNull(type)) return cells.fill(null);
  if (DataType.isDictionary(type)) {
    const dictionary = dictionaryCells(data.dictionary!, tooLarge);
    const indices = data.values as ArrayLike<number | bigint>;
    for (let i = start; i < end; i++) cells[i - start] = dictionary[Number(indices[i])] ?? null;
  } else if (DataType.isUtf8(type) || DataType.isLargeUtf8(type)) {
    utf8Cells(data, start, end, cells);
  } else if (DataType.isBool(type)) {
    const bits = data.values as Uint8Array;
    for (let i = start; i < end; i++) {
      const bit = data.offset + i;
      cells[i - start] = (bits[bit >> 3]! & (1 << (bit & 7))) !== 0;
    }
  } else if (isInt64Backed(type)) {
    int64Cells(data, start, end, cells, tooLarge);
  } else if (DataType.isDate(type) && type.unit === DateUnit.DAY) {
    const days = data.values as Int32Array;
    for (let i = start; i < end; i++) cells[i - start] = new Date(days[i]! * MS_PER_DAY);
  } else if (
    (DataType.isInt(type) && type.bitWidth <= 32) ||
    (DataType.isFloat(type) && type.precision !== Precision.HALF)
  ) {
    const values = data.values as ArrayLike<number>;
    for (let i = start; i < end; i++) cells[i - start] = values[i]!;
  } else if (DataType.isDecimal(type)) {
    // Decimals become the nearest double: models compute in floating point anyway.
    const vector = makeVector(data);
    for (let i = start; i < end; i++) {
      const value = vector.get(i) as { valueOf(scale: number): number } | null;
      cells[i - start] = value === null ? null : value.valueOf(type.scale);
    }
  } else {
    const vector = makeVector(data);
    for (let i = start; i < end; i++) cells[i - start] = otherCell(vector.get(i), i, tooLarge);
  }
  if (data.nullCount > 0) {
    for (let i = start; i < end; i++) if (!data.getValid(i)) cells[i - start] = null;
  }
  return cells;
}

function dictionaryCells(dictionary: Vector, tooLarge: TooLargeInteger): Cell[] {
  let cells = decodedDictionaries.get(dictionary);
  if (!cells) {
    const pieces = dictionary.data as readonly Data[];
    cells = pieces.flatMap((data) => dataCells(data, 0, data.length, tooLarge));
    decodedDictionaries.set(dictionary, cells);
  }
  return cells;
}

/**
 * A value of a less common type as `Vector.get` returns it: time-of-day and durations as numbers,
 * binary as base64, nested values (lists, structs, maps) as their JSON text, so nothing is
 * dropped silently.
 */
function otherCell(value: unknown, index: number, tooLarge: TooLargeInteger): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') {
    return value;
  }
  if (typeof value === 'bigint') {
    const number = Number(value);
    return Number.isSafeInteger(number) ? number : tooLarge(value, index);
  }
  if (value instanceof Date) return value;
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  const json = (value as { toJSON?: () => unknown }).toJSON?.() ?? value;
  return JSON.stringify(json, (_key, inner: unknown) =>
    typeof inner === 'bigint' ? inner.toString() : inner,
  );
}
