import {
  cellKind,
  parseBoolean,
  parseDatetime,
  parseNumber,
  type Cell,
  type CellKind,
} from '../tabular/index.js';
import { NOT_PLAIN, PLAIN_FLOAT, scanDecimal, scannedValue } from './decimal-text.js';

/**
 * What reading one chunk of a column as one type found. `mismatch` is the index of the first cell
 * of another kind when reading stops there (inferred types), else -1.
 */
export interface Extraction {
  /** Values written to the output array. */
  length: number;
  missing: number;
  /** Cells of another kind, counted rather than stopped at (pinned types). */
  invalid: number;
  mismatch: number;
}

export interface NumberExtraction extends Extraction {
  infinite: number;
  /** Some value is a float (as `cellKind` sees it), so the column is not `integer`. */
  floats: boolean;
}

/** How to treat a cell of another kind: stop (inferring: the column is mixed) or count it. */
export type OnMismatch = 'stop' | 'count';

/**
 * The finite numbers of `cells[start…]` into `out`: JS numbers as they are, text as
 * `parseNumber` reads it (CSV). NaN and null are missing; infinities are only counted.
 * With `integersOnly` (a pinned integer column) floats do not fit.
 */
export function extractNumbers(
  cells: readonly Cell[],
  start: number,
  out: Float64Array,
  onMismatch: OnMismatch,
  integersOnly = false,
): NumberExtraction {
  const result = { length: 0, missing: 0, invalid: 0, mismatch: -1, infinite: 0, floats: false };
  let length = 0;
  for (let i = start; i < cells.length; i++) {
    const cell = cells[i]!;
    let value: number;
    let float: boolean;
    if (typeof cell === 'number') {
      if (cell !== cell) {
        result.missing++;
        continue;
      }
      value = cell;
      float = !Number.isSafeInteger(cell);
    } else if (cell === null || cell === undefined) {
      result.missing++;
      continue;
    } else {
      // Plain decimals, the bulk of a CSV, are read without a call that would box the value.
      const syntax = typeof cell === 'string' ? scanDecimal(cell) : NOT_PLAIN;
      if (syntax === NOT_PLAIN) {
        value = readNumberText(cell);
        float = readAsFloat;
      } else {
        value = scannedValue[0]!;
        float = syntax === PLAIN_FLOAT || !Number.isSafeInteger(value);
      }
      if (value !== value || (syntax === PLAIN_FLOAT && !Number.isFinite(value))) {
        // Like cellKind: a decimal that overflows is text (an integer that does is a float).
        if (onMismatch === 'stop') {
          result.mismatch = i;
          break;
        }
        result.invalid++;
        continue;
      }
    }
    if (float) {
      if (integersOnly) {
        result.invalid++;
        continue;
      }
      result.floats = true;
    }
    if (value === Infinity || value === -Infinity) result.infinite++;
    else out[length++] = value;
  }
  result.length = length;
  return result;
}

/** Set by `readNumberText`: the text it read is a float to `cellKind`. */
let readAsFloat = false;

/**
 * The number a cell holds when `cellKind` sees an integer or float, else NaN (which no such text
 * spells). Plain decimals take `scanDecimal`, one scan instead of `cellKind`'s and
 * `parseNumber`'s five regular expressions; this is the full path for text with spaces, `inf` or
 * anything unusual.
 */
function readNumberText(cell: Cell): number {
  const kind = cellKind(cell);
  if (typeof cell !== 'string' || (kind !== 'integer' && kind !== 'float')) return NaN;
  readAsFloat = kind === 'float';
  // A 400-digit integer is a float to cellKind but beyond parseNumber's finite range: ∞.
  return parseNumber(cell) ?? Number(cell);
}

/** Epoch milliseconds of `Date` cells and ISO 8601 text (UTC when it has no offset). */
export function extractTimes(
  cells: readonly Cell[],
  start: number,
  out: Float64Array,
  onMismatch: OnMismatch,
): Extraction {
  const result = { length: 0, missing: 0, invalid: 0, mismatch: -1 };
  let length = 0;
  for (let i = start; i < cells.length; i++) {
    const cell = cells[i]!;
    let time: number | undefined;
    if (cell instanceof Date) time = cell.getTime();
    else if (isMissing(cell)) {
      result.missing++;
      continue;
    } else if (typeof cell === 'string') time = parseDatetime(cell)?.getTime();
    if (time !== undefined && time === time) out[length++] = time;
    else if (onMismatch === 'count') result.invalid++;
    else {
      result.mismatch = i;
      break;
    }
  }
  result.length = length;
  return result;
}

/** Booleans as 1 and 0: JS booleans and pandas' spellings (`True`, `false`, …). */
export function extractBooleans(
  cells: readonly Cell[],
  start: number,
  out: Float64Array,
  onMismatch: OnMismatch,
): Extraction {
  const result = { length: 0, missing: 0, invalid: 0, mismatch: -1 };
  let length = 0;
  for (let i = start; i < cells.length; i++) {
    const cell = cells[i]!;
    const flag =
      typeof cell === 'boolean' ? cell : typeof cell === 'string' ? parseBoolean(cell) : undefined;
    if (flag !== undefined) out[length++] = flag ? 1 : 0;
    else if (isMissing(cell)) result.missing++;
    else if (onMismatch === 'count') result.invalid++;
    else {
      result.mismatch = i;
      break;
    }
  }
  result.length = length;
  return result;
}

/** A cell as a category label: datetimes in ISO 8601, numbers and booleans as JS writes them. */
export function cellText(cell: Cell): string {
  return cell instanceof Date ? cell.toISOString() : String(cell);
}

/** Missing as everywhere in Gyre: null (or absent) and a float NaN. */
export function isMissing(cell: Cell | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === 'number' && cell !== cell);
}

/** The kind of the first present cell from `start`, or null with its index -1. */
export function firstPresent(
  cells: readonly Cell[],
  start: number,
): { index: number; kind: CellKind | null } {
  for (let i = start; i < cells.length; i++) {
    const kind = cellKind(cells[i]!);
    if (kind !== null) return { index: i, kind };
  }
  return { index: -1, kind: null };
}
