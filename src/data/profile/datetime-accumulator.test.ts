import { describe, expect, it } from 'vitest';
import { profileDataset } from './profile-dataset.js';
import type { DatetimeColumnProfile } from './profile-format.js';
import { memoryChunks } from './testing/memory-chunks.js';

async function datetimeOf(values: (Date | string | null)[]): Promise<DatetimeColumnProfile> {
  const profile = await profileDataset(memoryChunks({ at: values }, 3).open);
  return profile.columns[0] as DatetimeColumnProfile;
}

const hours = (count: number, from = Date.UTC(2024, 0, 1)) =>
  Array.from({ length: count }, (_, i) => new Date(from + i * 3_600_000));

describe('datetime columns', () => {
  it('counts per hour while min and max are at most 1,000 hours apart', async () => {
    const column = await datetimeOf([...hours(3), '2024-01-01T00:30:00Z', null]);
    expect(column.count).toBe(4);
    expect(column.datetime).toEqual({
      min: '2024-01-01T00:00:00.000Z',
      max: '2024-01-01T02:00:00.000Z',
      period: 'hour',
      buckets: [
        { start: '2024-01-01T00:00:00.000Z', count: 2 },
        { start: '2024-01-01T01:00:00.000Z', count: 1 },
        { start: '2024-01-01T02:00:00.000Z', count: 1 },
      ],
    });
    expect(column.sample).toEqual([
      '2024-01-01T00:00:00.000Z',
      '2024-01-01T01:00:00.000Z',
      '2024-01-01T02:00:00.000Z',
      '2024-01-01T00:30:00.000Z',
    ]);
  });

  it('folds hours into days, months and years as the range grows, whatever the order', async () => {
    const days = await datetimeOf([...hours(1001).reverse()]);
    expect(days.datetime!.period).toBe('day');
    expect(days.datetime!.buckets).toHaveLength(42);
    expect(days.datetime!.buckets[0]).toEqual({ start: '2024-01-01T00:00:00.000Z', count: 24 });
    expect(days.datetime!.buckets.reduce((sum, bucket) => sum + bucket.count, 0)).toBe(1001);

    const months = await datetimeOf([
      '2024-03-15',
      '1990-01-31T23:59:59+01:00',
      '2024-03-01 08:00',
    ]);
    expect(months.datetime).toMatchObject({
      min: '1990-01-31T22:59:59.000Z',
      period: 'month',
      buckets: [
        { start: '1990-01-01T00:00:00.000Z', count: 1 },
        { start: '2024-03-01T00:00:00.000Z', count: 2 },
      ],
    });

    const years = await datetimeOf(['0099-06-01', '1999-12-31', '2024-01-01']);
    expect(years.datetime).toMatchObject({
      min: '0099-06-01T00:00:00.000Z',
      period: 'year',
      buckets: [
        { start: '0099-01-01T00:00:00.000Z', count: 1 },
        { start: '1999-01-01T00:00:00.000Z', count: 1 },
        { start: '2024-01-01T00:00:00.000Z', count: 1 },
      ],
    });
  });
});
