import type { DatetimePart } from '../../onnx/index.js';

const DAY_MS = 86_400_000;
/** Date's time values stop at ±8.64e15 ms; beyond, a Date is invalid and its parts NaN. */
const MAX_TIME = 8.64e15;

/**
 * One part of every timestamp of a column (ms since the epoch, NaN = missing), exactly as
 * datetimePart computes it for one value, but in arithmetic (days from the civil calendar, as
 * H. Hinnant's days_from_civil inverted) rather than a Date object per value: a 200,000-row date
 * column has five parts, learned and then applied, so a million Date objects each time.
 */
export function datetimeColumn(values: Float64Array, part: DatetimePart): Float64Array {
  const out = new Float64Array(values.length);
  // Rows often come in date order: the last day's calendar part is reused while it repeats.
  let lastDays = Number.NaN;
  let lastPart = Number.NaN;
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i]!;
    if (!(Math.abs(value) <= MAX_TIME)) {
      out[i] = Number.NaN;
      continue;
    }
    // As Date does: the time value truncated to whole milliseconds.
    const ms = Math.trunc(value);
    const days = Math.floor(ms / DAY_MS);
    if (part === 'hour') {
      const time = ms - days * DAY_MS;
      const hours = Math.floor(time / 3_600_000);
      out[i] = hours + Math.floor((time - hours * 3_600_000) / 60_000) / 60;
    } else if (part === 'weekday') {
      // 1970-01-01 was a Thursday: weekday 3 counting from Monday = 0.
      out[i] = (((days + 3) % 7) + 7) % 7;
    } else {
      if (days !== lastDays) {
        lastDays = days;
        lastPart = calendarPart(days, part);
      }
      out[i] = lastPart;
    }
  }
  return out;
}

/** Year, month (1–12) or day of month of a day count since 1970-01-01. */
function calendarPart(days: number, part: 'year' | 'month' | 'day'): number {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  // Months counted from March, so that February's length comes last.
  const shifted = Math.floor((5 * dayOfYear + 2) / 153);
  const month = shifted < 10 ? shifted + 3 : shifted - 9;
  if (part === 'month') return month;
  if (part === 'day') return dayOfYear - Math.floor((153 * shifted + 2) / 5) + 1;
  return yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
}
