import type { DatetimePeriod, DatetimeSummary } from './profile-format.js';
import type { Reservoir } from './reservoir.js';

/** Most periods from min to max, so the buckets of a century of timestamps stay few. */
export const MAX_DATETIME_BUCKETS = 1000;

const PERIODS: readonly DatetimePeriod[] = ['hour', 'day', 'month', 'year'];
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/**
 * Range and counts per period of a datetime column, in UTC. Counting starts by the hour; once
 * min and max are more than `MAX_DATETIME_BUCKETS` periods apart the counts are folded into the
 * next coarser period (hours nest in days, days in months, months in years), so the period is the
 * finest whose span fits, whatever order the values come in.
 */
export class DatetimeAccumulator {
  private min = Infinity;
  private max = -Infinity;
  private periodIndex = 0;
  private buckets = new Map<number, number>();
  count = 0;

  constructor(private readonly sample: Reservoir<number>) {}

  /** Adds epoch milliseconds. */
  addBatch(times: Float64Array, length: number): void {
    const { buckets, sample } = this;
    const period = PERIODS[this.periodIndex]!;
    let { min, max } = this;
    for (let i = 0; i < length; i++) {
      const time = times[i]!;
      if (time < min) min = time;
      if (time > max) max = time;
      sample.offer(time);
      const key = periodKey(period, time);
      buckets.set(key, (buckets.get(key) ?? 0) + 1);
    }
    this.min = min;
    this.max = max;
    this.count += length;
    while (this.periodIndex < PERIODS.length - 1 && this.span() > MAX_DATETIME_BUCKETS) {
      this.coarsen();
    }
  }

  /** Sampled times, epoch milliseconds. */
  sampleValues(): number[] {
    return this.sample.values();
  }

  summary(): DatetimeSummary | null {
    if (this.count === 0) return null;
    const period = PERIODS[this.periodIndex]!;
    const keys = [...this.buckets.keys()].sort((a, b) => a - b);
    return {
      min: new Date(this.min).toISOString(),
      max: new Date(this.max).toISOString(),
      period,
      buckets: keys.map((key) => ({
        start: new Date(periodStart(period, key)).toISOString(),
        count: this.buckets.get(key)!,
      })),
    };
  }

  private span(): number {
    const period = PERIODS[this.periodIndex]!;
    return periodKey(period, this.max) - periodKey(period, this.min) + 1;
  }

  private coarsen(): void {
    const finer = PERIODS[this.periodIndex]!;
    const coarser = PERIODS[++this.periodIndex]!;
    const folded = new Map<number, number>();
    for (const [key, count] of this.buckets) {
      const target = periodKey(coarser, periodStart(finer, key));
      folded.set(target, (folded.get(target) ?? 0) + count);
    }
    this.buckets = folded;
  }
}

/** A number naming the period a time falls in: hours, days or months since 1970, or the year. */
function periodKey(period: DatetimePeriod, time: number): number {
  switch (period) {
    case 'hour':
      return Math.floor(time / HOUR_MS);
    case 'day':
      return Math.floor(time / DAY_MS);
    case 'month': {
      const date = new Date(time);
      return date.getUTCFullYear() * 12 + date.getUTCMonth();
    }
    case 'year':
      return new Date(time).getUTCFullYear();
  }
}

function periodStart(period: DatetimePeriod, key: number): number {
  switch (period) {
    case 'hour':
      return key * HOUR_MS;
    case 'day':
      return key * DAY_MS;
    case 'month':
      return utcStart(Math.floor(key / 12), key - Math.floor(key / 12) * 12);
    case 'year':
      return utcStart(key, 0);
  }
}

/** Midnight UTC on the first of a month; setUTCFullYear keeps years 0–99 as they are. */
function utcStart(year: number, month: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month, 1);
  return date.getTime();
}
