import type { DatetimePart } from './gyre-metadata.js';

/** A part of a UTC timestamp, as a number (weekday: Monday = 0, as pandas). */
export function datetimePart(ms: number, part: DatetimePart): number {
  if (Number.isNaN(ms)) return Number.NaN;
  const date = new Date(ms);
  switch (part) {
    case 'year':
      return date.getUTCFullYear();
    case 'month':
      return date.getUTCMonth() + 1;
    case 'day':
      return date.getUTCDate();
    case 'weekday':
      return (date.getUTCDay() + 6) % 7;
    case 'hour':
      return date.getUTCHours() + date.getUTCMinutes() / 60;
  }
}
