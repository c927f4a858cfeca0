import type { Cell } from './types.js';

/** What one present value looks like; `string` is anything that is none of the others. */
export type CellKind = 'integer' | 'float' | 'boolean' | 'datetime' | 'string';

const INTEGER = /^\s*[+-]?\d+\s*$/;
const FLOAT = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;
const INFINITY = /^\s*[+-]?inf(?:inity)?\s*$/i;
// ISO 8601 date, optionally with a time ("T" or a space), fraction and offset.
const DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

// pandas' default true_values/false_values; "yes", "1" and "t" stay what they look like.
const TRUE_TEXT = new Set(['True', 'TRUE', 'true']);
const FALSE_TEXT = new Set(['False', 'FALSE', 'false']);

/** The kind of a cell, or null when it is missing (null, or a NaN from Parquet/Arrow floats). */
export function cellKind(cell: Cell): CellKind | null {
  switch (typeof cell) {
    case 'number':
      if (Number.isNaN(cell)) return null;
      return Number.isSafeInteger(cell) ? 'integer' : 'float';
    case 'boolean':
      return 'boolean';
    case 'string':
      return textKind(cell);
    default:
      return cell === null ? null : 'datetime';
  }
}

/**
 * The kind text reads as, following pandas' `read_csv` (surrounding spaces allowed in numbers;
 * integers beyond ±2^53 count as floats because a JS number cannot hold them exactly) plus
 * ISO 8601 datetimes, which pandas leaves as text unless asked.
 */
export function textKind(text: string): CellKind {
  if (INTEGER.test(text)) return Number.isSafeInteger(Number(text)) ? 'integer' : 'float';
  if (INFINITY.test(text)) return 'float';
  if (FLOAT.test(text)) return Number.isFinite(Number(text)) ? 'float' : 'string';
  if (TRUE_TEXT.has(text) || FALSE_TEXT.has(text)) return 'boolean';
  if (isDatetimeText(text)) return 'datetime';
  return 'string';
}

/** The number text spells (decimal, exponent, inf/infinity), or undefined. */
export function parseNumber(text: string): number | undefined {
  if (INFINITY.test(text)) return text.trim().startsWith('-') ? -Infinity : Infinity;
  if (!FLOAT.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/** true/false for pandas' boolean spellings, else undefined. */
export function parseBoolean(text: string): boolean | undefined {
  return TRUE_TEXT.has(text) ? true : FALSE_TEXT.has(text) ? false : undefined;
}

/**
 * The instant an ISO 8601 text names, or undefined (also for impossible dates like 2021-02-30).
 * A time without an offset is read as UTC, so the same text is the same instant on every machine.
 */
export function parseDatetime(text: string): Date | undefined {
  if (!isDatetimeText(text)) return undefined;
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', offset] =
    DATETIME.exec(text)!;
  // setUTCFullYear, not Date.UTC, which would read years 0-99 as 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(Number(year), Number(month) - 1, Number(day));
  const ms = Number(fraction.slice(0, 3).padEnd(3, '0'));
  date.setUTCHours(Number(hour), Number(minute) - offsetMinutes(offset), Number(second), ms);
  return date;
}

/**
 * Whether text is an ISO 8601 date or datetime of a real calendar day and time. Type inference
 * asks this of every cell, so it reads the fixed-position digits without allocating.
 */
function isDatetimeText(text: string): boolean {
  if (text.length < 10 || text.charCodeAt(4) !== DASH || !DATETIME.test(text)) return false;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  if (text.length === 10) return true;
  const second = text.length >= 19 && text.charCodeAt(16) === COLON ? digits(text, 17, 2) : 0;
  return digits(text, 11, 2) <= 23 && digits(text, 14, 2) <= 59 && second <= 59;
}

const DASH = 45;
const COLON = 58;
const ZERO = 48;

function digits(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) value = value * 10 + text.charCodeAt(i) - ZERO;
  return value;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return DAYS_IN_MONTH[month - 1]!;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return leap ? 29 : 28;
}

function offsetMinutes(offset: string | undefined): number {
  if (offset === undefined || offset === 'Z') return 0;
  const hhmm = offset.replace(':', '');
  const minutes = Number(hhmm.slice(1, 3)) * 60 + Number(hhmm.slice(3, 5));
  return hhmm.startsWith('-') ? -minutes : minutes;
}
