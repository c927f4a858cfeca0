import { describe, expect, it } from 'vitest';
import { parseDatasetSpec, resolveDatasetSpec, type DatasetContract } from '../schema/index.js';
import { inferColumnTypes, readTable, readTableChunks } from '../tabular/index.js';
import { vegaFile } from '../tabular/testing/tabular-fixtures.js';
import { validateDataset } from './validate-dataset.js';

/** The contract a spec makes for a vega-datasets file, as dataset creation would build it. */
async function contractFor(file: string, spec: string): Promise<DatasetContract> {
  const types = inferColumnTypes(await readTable(vegaFile(file)));
  return resolveDatasetSpec(parseDatasetSpec(spec, `${file}.spec.yaml`), types);
}

describe('validating real files from vega-datasets', () => {
  it('seattle-weather.csv keeps a spec written for it', async () => {
    const contract = await contractFor(
      'seattle-weather.csv',
      `
columns:
  date: {unique: true, min: 2012-01-01, max: 2015-12-31}
  precipitation: {min: 0, nullable: false}
  temp_max: {min: -20, max: 45}
  weather: {allowed: [drizzle, rain, sun, snow, fog], regex: "^[a-z]+$"}
extra_columns: fail
`,
    );
    const report = await validateDataset(
      readTableChunks(vegaFile('seattle-weather.csv')),
      contract,
    );
    expect(report).toEqual({
      valid: true,
      rows: 1461,
      columns_checked: 6,
      extra_columns: [],
      failures: [],
    });
  });

  it('cars.json: missing horsepower, repeated names; categories and years pass', async () => {
    const contract = await contractFor(
      'cars.json',
      `
columns:
  Name: {unique: true}
  Horsepower: {nullable: false, min: 40}
  Cylinders: {allowed: [3, 4, 5, 6, 8]}
  Origin: {allowed: [USA, Europe, Japan]}
  Year: {min: "1970-01-01", max: "1982-12-31"}
`,
    );
    const report = await validateDataset(readTableChunks(vegaFile('cars.json')), contract);
    const table = await readTable(vegaFile('cars.json'));
    // The expected counts, worked out directly from the table.
    const missingHp = table.values.Horsepower!.flatMap((v, row) => (v === null ? [row] : []));
    const names = table.values.Name!;
    const repeated = names.filter((n) => names.indexOf(n) !== names.lastIndexOf(n)).length;
    expect(missingHp).toHaveLength(6);
    expect(repeated).toBe(152);
    expect(report.valid).toBe(false);
    expect(report.failures.map((f) => [f.column, f.rule, f.failing_count])).toEqual([
      ['Name', 'unique', repeated],
      ['Horsepower', 'nullable', 6],
    ]);
    const nulls = report.failures[1]!;
    expect(nulls.examples).toEqual(missingHp.slice(0, 5).map((row) => ({ row, value: null })));
    expect(report.failures[0]!.examples).toHaveLength(5);
  });

  it('penguins.json: one Sex is ".", the data error the spec catches', async () => {
    const contract = await contractFor(
      'penguins.json',
      'columns:\n  Sex: {allowed: [MALE, FEMALE]}\n',
    );
    const report = await validateDataset(readTableChunks(vegaFile('penguins.json')), contract);
    expect(report.failures).toEqual([
      {
        column: 'Sex',
        rule: 'allowed',
        expected: 'one of "MALE", "FEMALE"',
        failing_count: 1,
        examples: [{ row: 336, value: '.' }],
      },
    ]);
  });

  it('flights-3m.parquet: streams 3,000,000 rows checking delays and airport codes', async () => {
    const contract: DatasetContract = {
      schema: {
        columns: [
          { name: 'date', type: 'datetime', nullable: false },
          { name: 'delay', type: 'integer', nullable: false },
          { name: 'distance', type: 'integer', nullable: false },
          { name: 'origin', type: 'string', nullable: false },
          { name: 'destination', type: 'string', nullable: false },
        ],
      },
      expectations: { delay: { min: -60, max: 600 }, origin: { regex: '^[A-Z]{3}$' } },
    };
    const report = await validateDataset(readTableChunks(vegaFile('flights-3m.parquet')), contract);
    expect(report.rows).toBe(3_000_000);
    expect(report.columns_checked).toBe(5);
    // Counted with a plain loop over the delays, outside this module.
    expect(report.failures).toEqual([
      {
        column: 'delay',
        rule: 'min',
        expected: '>= -60',
        failing_count: 142,
        examples: [
          { row: 1516, value: -62 },
          { row: 4464, value: -61 },
          { row: 9967, value: -67 },
          { row: 17880, value: -61 },
          { row: 18345, value: -80 },
        ],
      },
      {
        column: 'delay',
        rule: 'max',
        expected: '<= 600',
        failing_count: 272,
        examples: [
          { row: 4797, value: 1191 },
          { row: 9373, value: 1088 },
          { row: 15366, value: 867 },
          { row: 29466, value: 642 },
          { row: 39025, value: 1087 },
        ],
      },
    ]);
  }, 60_000);
});
