import { describe, expect, it } from 'vitest';
import { inferColumnTypes, type ColumnTypeInfo } from './column-types.js';
import { toDateArray, toFloat64Array } from './convert.js';
import { openTabular, readTableChunks } from './open.js';
import { readTable } from './table.js';
import { vegaFile } from './testing/tabular-fixtures.js';
import type { Cell, Table } from './types.js';

/** Column → "type" or "type?" (nullable), the shape the assertions below read best in. */
function typesOf(table: Table): Record<string, string> {
  return Object.fromEntries(
    inferColumnTypes(table).map((info: ColumnTypeInfo) => [
      info.name,
      info.type + (info.nullable ? '?' : ''),
    ]),
  );
}

function row(table: Table, index: number): Cell[] {
  return table.columns.map((name) => table.values[name]![index]!);
}

describe('real files from vega-datasets', () => {
  it('seattle-weather.csv: ISO dates are datetime, weather is categorical', async () => {
    const table = await readTable(vegaFile('seattle-weather.csv'));
    expect(table.rowCount).toBe(1461);
    expect(typesOf(table)).toEqual({
      date: 'datetime',
      precipitation: 'float',
      temp_max: 'float',
      temp_min: 'float',
      wind: 'float',
      weather: 'string',
    });
    // CSV cells stay text; conversion happens per column, with the inferred type.
    expect(row(table, 0)).toEqual(['2012-01-01', '0.0', '12.8', '5.0', '4.7', 'drizzle']);
    expect(row(table, 1460)).toEqual(['2015-12-31', '0.0', '5.6', '-2.1', '3.5', 'sun']);
    expect(toDateArray(table.values.date!)[1460]).toEqual(new Date('2015-12-31T00:00:00Z'));
    expect(toFloat64Array(table.values.temp_min!)[1460]).toBe(-2.1);
    expect(new Set(table.values.weather).size).toBe(5);
    const weather = inferColumnTypes(table).find((info) => info.name === 'weather')!;
    expect(weather.logicalType).toBe('categorical');
  });

  it('penguins.json: nulls make numeric columns nullable; Island is categorical', async () => {
    const table = await readTable(vegaFile('penguins.json'));
    expect(table.rowCount).toBe(344);
    expect(typesOf(table)).toEqual({
      Species: 'string',
      Island: 'string',
      'Beak Length (mm)': 'float?',
      'Beak Depth (mm)': 'float?',
      'Flipper Length (mm)': 'integer?',
      'Body Mass (g)': 'integer?',
      Sex: 'string?',
    });
    expect(new Set(table.values.Island)).toEqual(new Set(['Torgersen', 'Biscoe', 'Dream']));
    expect(row(table, 0)).toEqual(['Adelie', 'Torgersen', 39.1, 18.7, 181, 3750, 'MALE']);
    const mass = inferColumnTypes(table).find((info) => info.name === 'Body Mass (g)')!;
    expect(mass).toMatchObject({ missing: 2, logicalType: 'numeric' });
    expect(toFloat64Array(table.values['Body Mass (g)']!).filter(Number.isNaN)).toHaveLength(2);
  });

  it('cars.json: missing values in numbers, "1970-01-01" years as datetime', async () => {
    const table = await readTable(vegaFile('cars.json'));
    expect(table.rowCount).toBe(406);
    expect(typesOf(table)).toEqual({
      Name: 'string',
      Miles_per_Gallon: 'float?',
      Cylinders: 'integer',
      Displacement: 'float',
      Horsepower: 'integer?',
      Weight_in_lbs: 'integer',
      Acceleration: 'float',
      Year: 'datetime',
      Origin: 'string',
    });
    const info = inferColumnTypes(table);
    expect(info.find((c) => c.name === 'Miles_per_Gallon')!.missing).toBe(8);
    expect(info.find((c) => c.name === 'Horsepower')!.missing).toBe(6);
    expect(new Set(table.values.Origin)).toEqual(new Set(['USA', 'Europe', 'Japan']));
  });

  it('unemployment.tsv: tab-separated by extension', async () => {
    const source = await openTabular(vegaFile('unemployment.tsv'));
    expect(source.format).toBe('tsv');
    await source.close();
    const table = await readTable(vegaFile('unemployment.tsv'));
    expect(table.rowCount).toBe(3218);
    expect(typesOf(table)).toEqual({ id: 'integer', rate: 'float' });
    expect(row(table, 0)).toEqual(['1001', '.097']);
    expect(toFloat64Array(table.values.rate!)[0]).toBe(0.097);
  });

  it('flights-200k.arrow: every value decoded (sums match apache-arrow)', async () => {
    const table = await readTable(vegaFile('flights-200k.arrow'));
    expect(table.rowCount).toBe(200_000);
    expect(typesOf(table)).toEqual({ delay: 'integer', distance: 'integer', time: 'float' });
    const sum = (name: string) => toFloat64Array(table.values[name]!).reduce((a, b) => a + b, 0);
    expect(sum('delay')).toBe(1_500_159);
    expect(sum('distance')).toBe(145_847_125);
    expect(sum('time')).toBeCloseTo(2_755_170.1662385147, 6);
    expect(row(table, 123_456)).toEqual([36, 998, 15.699999809265137]);
  });

  it('flights-3m.parquet streams in bounded chunks with exact values', async () => {
    const chunkRows = 8192;
    let rows = 0;
    let biggest = 0;
    let delaySum = 0;
    let distanceSum = 0;
    const origins = new Set<Cell>();
    let first: Cell[] | undefined;
    let last: Cell[] = [];
    let middle: Cell[] | undefined;
    for await (const chunk of readTableChunks(vegaFile('flights-3m.parquet'), { chunkRows })) {
      expect(chunk.rowOffset).toBe(rows);
      const cells = (i: number) => chunk.columns.map((name) => chunk.values[name]![i]!);
      first ??= cells(0);
      if (1_234_567 - rows >= 0 && 1_234_567 - rows < chunk.rowCount) {
        middle = cells(1_234_567 - rows);
      }
      last = cells(chunk.rowCount - 1);
      const { delay, distance, origin } = chunk.values;
      for (let i = 0; i < chunk.rowCount; i++) {
        delaySum += delay![i] as number;
        distanceSum += distance![i] as number;
      }
      for (const code of origin!) origins.add(code);
      rows += chunk.rowCount;
      biggest = Math.max(biggest, chunk.rowCount);
    }
    expect(rows).toBe(3_000_000);
    expect(biggest).toBeLessThanOrEqual(chunkRows);
    // Reference values read with apache-arrow's own accessors from parquet-wasm's full decode.
    expect(first).toEqual([new Date('2001-01-01T00:01:00Z'), 33, 2176, 'LAS', 'PHL']);
    expect(middle).toEqual([new Date('2001-03-17T11:10:00Z'), -12, 1040, 'SAT', 'MCO']);
    expect(last).toEqual([new Date('2001-07-01T00:00:00Z'), 33, 373, 'ATL', 'CVG']);
    expect(delaySum).toBe(20_003_603);
    expect(distanceSum).toBe(2_194_861_208);
    expect(origins.size).toBe(229);
  });

  it('reads the first rows of the 3M-row Parquet file only, with maxRows', async () => {
    const started = Date.now();
    const table = await readTable(vegaFile('flights-3m.parquet'), { maxRows: 20_000 });
    expect(table.rowCount).toBe(20_000);
    expect(typesOf(table)).toEqual({
      date: 'datetime',
      delay: 'integer',
      distance: 'integer',
      origin: 'string',
      destination: 'string',
    });
    expect(row(table, 0)).toEqual([new Date('2001-01-01T00:01:00Z'), 33, 2176, 'LAS', 'PHL']);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
