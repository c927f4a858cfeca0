import {
  cellKind,
  parseBoolean,
  parseDatetime,
  parseNumber,
  type Cell,
  type ColumnType,
} from '../tabular/index.js';

/**
 * A cell as the value its column type means, the one form rules compare: a number for integer
 * and float columns, epoch milliseconds for datetimes, a boolean, or the text of a string column
 * (`toStringArray`'s text: dates in ISO 8601, numbers as written).
 */
export type TypedValue = number | string | boolean;

/** `null` for a missing cell, `undefined` for a present one that is not of the type. */
export type CellReader = (cell: Cell) => TypedValue | null | undefined;

/**
 * How to read cells of a column type. A value is of a type when type inference would classify it
 * so on its own (`cellKind`): `1.5` and `"n/a "` are not integers, an integer is a float, a JSON
 * `1.0` is an integer (JSON cannot tell them apart); anything present is a string.
 */
export const cellReaders: Readonly<Record<ColumnType, CellReader>> = {
  integer: (cell) => {
    const kind = cellKind(cell);
    if (kind !== 'integer') return kind === null ? null : undefined;
    return typeof cell === 'number' ? cell : Number(cell);
  },
  float: (cell) => {
    if (typeof cell === 'number') return Number.isNaN(cell) ? null : cell;
    if (typeof cell === 'string') return parseNumber(cell);
    return cell === null ? null : undefined;
  },
  boolean: (cell) => {
    if (typeof cell === 'boolean') return cell;
    if (typeof cell === 'string') return parseBoolean(cell);
    return missingOrWrong(cell);
  },
  datetime: (cell) => {
    if (cell instanceof Date) return cell.getTime();
    if (typeof cell === 'string') return parseDatetime(cell)?.getTime();
    return missingOrWrong(cell);
  },
  string: (cell) => {
    if (cell === null || (typeof cell === 'number' && Number.isNaN(cell))) return null;
    return cell instanceof Date ? cell.toISOString() : String(cell);
  },
};

function missingOrWrong(cell: Cell): null | undefined {
  return cell === null || (typeof cell === 'number' && Number.isNaN(cell)) ? null : undefined;
}
