import { parseDatetime } from '../tabular/index.js';

/** A value quoted in an error: its JSON (shortened) and, where JSON does not show it, its kind. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list (${shorten(JSON.stringify(value))})`;
  if (value instanceof Date) return `the date ${value.toISOString()}`;
  if (typeof value === 'object') return `an object (${shorten(JSON.stringify(value))})`;
  if (typeof value === 'string') return `the text ${shorten(JSON.stringify(value))}`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return `a ${typeof value}`;
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** ISO 8601 text that names a real instant (see `parseDatetime`). */
export function isDatetimeText(value: unknown): value is string {
  return typeof value === 'string' && parseDatetime(value) !== undefined;
}

/** The instant a bound or allowed value names, as epoch milliseconds; the spec was checked. */
export function instantOf(text: string): number {
  return parseDatetime(text)!.getTime();
}
