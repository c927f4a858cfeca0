import { DataType, DateUnit, TimeUnit, type Data } from 'apache-arrow';
import type { Cell } from './types.js';

/** Where a decoded value lies, for the error a 64-bit integer beyond ±2^53 raises. */
export type TooLargeInteger = (value: bigint, index: number) => never;

const TWO_32 = 4294967296;

/** 64-bit integers, timestamps and millisecond dates: all an int64 buffer. */
export function isInt64Backed(type: DataType): boolean {
  if (DataType.isInt(type)) return type.bitWidth === 64;
  if (DataType.isDate(type)) return type.unit === DateUnit.MILLISECOND;
  return DataType.isTimestamp(type);
}

/**
 * Reads each int64 as two 32-bit halves, which is far cheaper than a BigInt per value; a value
 * whose high half shows it beyond ±2^53 is passed to `tooLarge` (timestamps are scaled instead).
 */
export function int64Cells(
  data: Data,
  start: number,
  end: number,
  cells: Cell[],
  tooLarge: TooLargeInteger,
): void {
  const type: DataType = data.type;
  const raw = data.values as BigInt64Array | BigUint64Array;
  const words = new Uint32Array(raw.buffer, raw.byteOffset, raw.length * 2);
  const signed = !(DataType.isInt(type) && !type.isSigned);
  const unit = DataType.isTimestamp(type)
    ? type.unit
    : DataType.isDate(type)
      ? TimeUnit.MILLISECOND
      : undefined;
  for (let i = start; i < end; i++) {
    const low = words[2 * i]!;
    const high = signed ? words[2 * i + 1]! | 0 : words[2 * i + 1]!;
    const exact = high >= -0x200000 && high < 0x200000;
    if (unit !== undefined) {
      cells[i - start] = new Date(
        exact ? toMilliseconds(high * TWO_32 + low, unit) : bigToMilliseconds(raw[i]!, unit),
      );
    } else if (exact) cells[i - start] = high * TWO_32 + low;
    else if (data.getValid(i)) return tooLarge(raw[i]!, i);
  }
}

/** Divides rather than multiplying by 0.001, which is inexact and could land a hair below. */
function toMilliseconds(value: number, unit: TimeUnit): number {
  switch (unit) {
    case TimeUnit.SECOND:
      return value * 1000;
    case TimeUnit.MILLISECOND:
      return value;
    case TimeUnit.MICROSECOND:
      return value / 1000;
    default:
      return value / 1_000_000;
  }
}

/** Nanosecond timestamps after mid-April 1970 exceed 2^53; split them exactly, as arrow does. */
function bigToMilliseconds(value: bigint, unit: TimeUnit): number {
  if (unit === TimeUnit.SECOND || unit === TimeUnit.MILLISECOND)
    return toMilliseconds(Number(value), unit);
  const perMs = unit === TimeUnit.MICROSECOND ? 1000n : 1_000_000n;
  return Number(value / perMs) + Number(value % perMs) / Number(perMs);
}
