import { afterAll, describe, expect, it } from 'vitest';
import { readTable } from '../tabular/index.js';
import { TempFiles, vegaFile } from '../tabular/testing/tabular-fixtures.js';
import { profileDataset } from './profile-dataset.js';
import { profileFile } from './profile-file.js';
import type {
  BooleanColumnProfile,
  CategoricalColumnProfile,
  DatasetProfile,
  DatetimeColumnProfile,
  NumericColumnProfile,
} from './profile-format.js';
import { memoryChunks } from './testing/memory-chunks.js';

const files = new TempFiles();
afterAll(() => files.remove());

interface ProfileOfType {
  integer: NumericColumnProfile;
  float: NumericColumnProfile;
  string: CategoricalColumnProfile;
  boolean: BooleanColumnProfile;
  datetime: DatetimeColumnProfile;
}

/** The named column, checked to have `type`. */
function column<T extends keyof ProfileOfType>(
  profile: DatasetProfile,
  name: string,
  type: T,
): ProfileOfType[T] {
  const found = profile.columns.find((candidate) => candidate.name === name);
  expect(found?.type, `column ${name}`).toBe(type);
  return found as ProfileOfType[T];
}

describe('profileDataset', () => {
  it('gives the same JSON for the same data and seed, and other samples for another seed', async () => {
    const path = vegaFile('movies.json');
    const first = await profileFile(path);
    const again = await profileFile(path);
    expect(JSON.stringify(again)).toBe(JSON.stringify(first));
    // Plain JSON: no NaN, Infinity or undefined that a round trip would change.
    expect(JSON.parse(JSON.stringify(first))).toEqual(first);
    expect(first.version).toBe(1);
    const reseeded = await profileFile(path, { seed: 7, reservoirSize: 100 });
    expect(reseeded.settings).toMatchObject({ seed: 7, reservoir_size: 100 });
    const title = (profile: DatasetProfile) => column(profile, 'Title', 'string').sample;
    expect(title(reseeded)).toHaveLength(100);
    expect(title(reseeded)).not.toEqual(title(first).slice(0, 100));
  });

  it('samples uniformly: all values while they fit, then a seeded subset spread over the data', async () => {
    const rows = 50_000;
    const index = Array.from({ length: rows }, (_, i) => i);
    const small = await profileDataset(memoryChunks({ index: index.slice(0, 300) }).open);
    expect(small.columns[0]!.sample).toEqual(index.slice(0, 300));

    const large = await profileDataset(memoryChunks({ index }, 4096).open);
    const sample = large.columns[0]!.sample as number[];
    expect(sample).toHaveLength(5000);
    expect(new Set(sample).size).toBe(5000);
    // Each tenth of the data holds about a tenth of the sample (binomial sd ≈ 21).
    const tenths = new Array<number>(10).fill(0);
    for (const value of sample) tenths[Math.floor(value / (rows / 10))]!++;
    for (const count of tenths) expect(Math.abs(count - 500)).toBeLessThan(100);
  });

  it('reads a column that turns from numbers to text as string, recounting it in a second pass', async () => {
    const values = Array.from({ length: 5000 }, (_, i): number | string | null =>
      i % 10 === 0 ? null : i % 3,
    );
    values[3501] = 'unknown';
    const source = memoryChunks({ code: values, plain: values.map((_, i) => i) }, 1024);
    const profile = await profileDataset(source.open);
    expect(profile.passes).toBe(2);
    const code = column(profile, 'code', 'string');
    expect(code.note).toBe(
      'row 3501 holds "unknown" (text) among numbers, so the column is read as string',
    );
    expect(code.missing).toBe(500);
    expect(code.count).toBe(4500);
    expect(code.categorical.cardinality).toBe(4);
    expect(code.categorical.top_k.map((entry) => entry.value).sort()).toEqual([
      '0',
      '1',
      '2',
      'unknown',
    ]);
    expect(code.categorical.top_k.at(-1)).toEqual({ value: 'unknown', count: 1 });
    expect(code.categorical.top_k.reduce((sum, entry) => sum + entry.count, 0)).toBe(4500);
    expect(code.sample).toHaveLength(4500);
    expect(column(profile, 'plain', 'integer').numeric!.max).toBe(4999);
  });

  it('counts booleans from JSON values and pandas’ spellings', async () => {
    const source = memoryChunks({ flag: [true, 'False', 'TRUE', null, false, 'true'] }, 2);
    const profile = await profileDataset(source.open);
    const flag = column(profile, 'flag', 'boolean');
    expect(flag.boolean).toEqual({ true_count: 3, false_count: 2 });
    expect(flag.sample).toEqual([true, false, true, false, true]);
    expect(flag).toMatchObject({ count: 5, missing: 1, nullable: true });
  });

  it('counts infinities without letting them into the statistics', async () => {
    const source = memoryChunks({ x: ['1.5', 'inf', '-Infinity', '2.5', Infinity, null] }, 4);
    const x = column(await profileDataset(source.open), 'x', 'float');
    expect(x).toMatchObject({ count: 5, missing: 1 });
    expect(x.numeric).toMatchObject({ min: 1.5, max: 2.5, mean: 2, infinite: 3 });
    expect(x.sample).toEqual([1.5, 2.5]);
  });

  it('profiles pinned types: values that do not fit are invalid, absent columns all missing', async () => {
    const profile = await profileFile(vegaFile('cars.json'), {
      schema: {
        columns: [
          { name: 'Cylinders', type: 'string', nullable: false },
          { name: 'Acceleration', type: 'integer', nullable: false },
          { name: 'Name', type: 'float', nullable: false },
          { name: 'Horsepower', type: 'float', nullable: true },
          { name: 'Price', type: 'float', nullable: true },
        ],
      },
    });
    const cylinders = column(profile, 'Cylinders', 'string');
    expect(cylinders.type_source).toBe('schema');
    expect(cylinders.categorical.top_k[0]).toEqual({ value: '4', count: 207 });
    const acceleration = column(profile, 'Acceleration', 'integer');
    expect(acceleration.count + acceleration.invalid).toBe(406);
    expect(acceleration.invalid).toBeGreaterThan(0);
    expect(Number.isInteger(acceleration.numeric!.mean * acceleration.count)).toBe(true);
    expect(column(profile, 'Name', 'float')).toMatchObject({
      count: 0,
      invalid: 406,
      numeric: null,
    });
    expect(column(profile, 'Horsepower', 'float')).toMatchObject({ count: 400, missing: 6 });
    expect(column(profile, 'Origin', 'string').type_source).toBe('inferred');
    expect(profile.columns.at(-1)).toMatchObject({ name: 'Price', count: 0, missing: 406 });
  });

  it('counts a JSON key first seen late as missing in the rows before', async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) =>
      JSON.stringify(i < 15_000 ? { id: i } : { id: i, late: i % 2 === 0 }),
    );
    const path = files.write('late.jsonl', lines.join('\n'));
    const profile = await profileFile(path);
    const late = column(profile, 'late', 'boolean');
    expect(late).toMatchObject({ count: 5000, missing: 15_000 });
    expect(late.boolean).toEqual({ true_count: 2500, false_count: 2500 });
  });

  it('reports progress per chunk in one pass when every column is exact', async () => {
    const calls: [number, number][] = [];
    const profile = await profileFile(vegaFile('seattle-weather.csv'), {
      onProgress: (rows, pass) => calls.push([rows, pass]),
    });
    expect(profile.passes).toBe(1);
    expect(calls.at(-1)).toEqual([1461, 1]);
  });

  it('estimates the cardinality of a high-cardinality column and bounds its counts', async () => {
    const path = vegaFile('zipcodes.csv');
    const profile = await profileFile(path, { distinctLimit: 1000 });
    const city = column(profile, 'city', 'string').categorical;
    const cities = (await readTable(path)).values.city! as string[];
    const exact = new Map<string, number>();
    for (const name of cities) exact.set(name, (exact.get(name) ?? 0) + 1);
    expect(city.cardinality_exact).toBe(false);
    expect(city.counts_exact).toBe(false);
    // HyperLogLog with 2^14 registers: standard error 0.81%; allow three.
    expect(Math.abs(city.cardinality / exact.size - 1)).toBeLessThan(0.025);
    expect(city.count_error).toBeGreaterThan(0);
    for (const { value, count } of city.top_k) {
      expect(count).toBeLessThanOrEqual(exact.get(value)!);
      expect(count + city.count_error).toBeGreaterThanOrEqual(exact.get(value)!);
    }
    const [topValue] = [...exact].sort((a, b) => b[1] - a[1])[0]!;
    expect(city.top_k[0]!.value).toBe(topValue);
  });
});
