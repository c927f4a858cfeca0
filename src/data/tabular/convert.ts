import { invalidParameter } from '../../core/errors/index.js';
import { parseBoolean, parseDatetime, parseNumber } from './cell-kind.js';
import type { Cell } from './types.js';

export interface ConvertOptions {
  /** Named in errors. */
  column?: string;
  /** Added to the index in errors, when the cells are one chunk of a larger table. */
  rowOffset?: number;
}

/**
 * A column as numbers for a trainer: missing → NaN, booleans → 1/0, dates → epoch milliseconds,
 * and text that reads as a number, boolean or ISO datetime (CSV cells are text) → its value.
 * Other text throws INVALID_PARAMETER_VALUE (`details.reason` "not_a_number") naming the row,
 * rather than quietly becoming NaN.
 */
export function toFloat64Array(cells: readonly Cell[], options: ConvertOptions = {}): Float64Array {
  const out = new Float64Array(cells.length);
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    if (cell === null || cell === undefined) out[i] = NaN;
    else if (typeof cell === 'number') out[i] = cell;
    else if (typeof cell === 'boolean') out[i] = cell ? 1 : 0;
    else if (cell instanceof Date) out[i] = cell.getTime();
    else
      out[i] =
        parseNumber(cell) ?? textFlag(cell) ?? textTime(cell) ?? notA('number', cell, i, options);
  }
  return out;
}

/** A column as text for categorical use: dates in ISO 8601, numbers and booleans as written. */
export function toStringArray(cells: readonly Cell[]): (string | null)[] {
  return cells.map((cell) => {
    if (cell === null || cell === undefined) return null;
    if (cell instanceof Date) return cell.toISOString();
    return String(cell);
  });
}

/**
 * A datetime column as `Date`s (missing → null): Parquet and Arrow already hold them; CSV and
 * JSON hold ISO 8601 text, read as UTC when it has no offset (see `parseDatetime`). Other values,
 * numbers included (seconds or milliseconds?), throw (`details.reason` "not_a_datetime").
 */
export function toDateArray(cells: readonly Cell[], options: ConvertOptions = {}): (Date | null)[] {
  return cells.map((cell, i) => {
    if (cell === null || cell === undefined) return null;
    if (cell instanceof Date) return cell;
    const date = typeof cell === 'string' ? parseDatetime(cell) : undefined;
    return date ?? notA('datetime', cell, i, options);
  });
}

function textFlag(text: string): number | undefined {
  const flag = parseBoolean(text);
  return flag === undefined ? undefined : Number(flag);
}

function textTime(text: string): number | undefined {
  return parseDatetime(text)?.getTime();
}

function notA(
  what: 'number' | 'datetime',
  cell: Cell,
  index: number,
  options: ConvertOptions,
): never {
  const row = (options.rowOffset ?? 0) + index;
  const column = options.column === undefined ? '' : `column "${options.column}" `;
  throw invalidParameter(
    `${column}row ${row} holds ${JSON.stringify(cell)}, which is not a ${what}`,
    {
      reason: `not_a_${what}`,
      column: options.column,
      row,
    },
  );
}
