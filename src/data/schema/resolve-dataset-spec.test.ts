import { describe, expect, it } from 'vitest';
import { inferColumnTypes, readTable, type ColumnTypeInfo } from '../tabular/index.js';
import { vegaFile } from '../tabular/testing/tabular-fixtures.js';
import { parseDatasetSpec } from './parse-dataset-spec.js';
import { resolveDatasetSpec } from './resolve-dataset-spec.js';
import { schemaFromTypes } from './schema-from-types.js';
import { expectInvalid } from './testing/expect-invalid.js';

const weatherTypes: Promise<ColumnTypeInfo[]> = readTable(vegaFile('seattle-weather.csv')).then(
  inferColumnTypes,
);

describe('schemaFromTypes', () => {
  it('keeps name, type and nullability of each inferred column, in file order', async () => {
    const penguins = inferColumnTypes(await readTable(vegaFile('penguins.json')));
    expect(schemaFromTypes(penguins).columns.slice(0, 3)).toEqual([
      { name: 'Species', type: 'string', nullable: false },
      { name: 'Island', type: 'string', nullable: false },
      { name: 'Beak Length (mm)', type: 'float', nullable: true },
    ]);
    expect(schemaFromTypes(penguins).columns).toHaveLength(7);
  });
});

describe('resolveDatasetSpec', () => {
  it('pins types and nullability over the inferred ones and keeps the rest', async () => {
    const spec = parseDatasetSpec(
      'columns:\n  precipitation: {type: integer}\n  wind: {nullable: true, max: 20}\n  weather: {allowed: [sun, rain, fog, drizzle, snow]}\n',
      'weather.yaml',
    );
    const contract = resolveDatasetSpec(spec, await weatherTypes, 'weather.yaml');
    expect(contract.schema.columns).toEqual([
      { name: 'date', type: 'datetime', nullable: false },
      { name: 'precipitation', type: 'integer', nullable: false },
      { name: 'temp_max', type: 'float', nullable: false },
      { name: 'temp_min', type: 'float', nullable: false },
      { name: 'wind', type: 'float', nullable: true },
      { name: 'weather', type: 'string', nullable: false },
    ]);
    expect(contract.expectations).toEqual({
      wind: { max: 20 },
      weather: { allowed: ['sun', 'rain', 'fog', 'drizzle', 'snow'] },
    });
    expect(contract.extra_columns).toBe('allow');
    expect(JSON.parse(JSON.stringify(contract))).toEqual(contract);
  });

  it('with an empty spec is the inferred schema', async () => {
    const types = await weatherTypes;
    expect(resolveDatasetSpec({ columns: {}, extra_columns: 'fail' }, types)).toEqual({
      schema: schemaFromTypes(types),
      expectations: {},
      extra_columns: 'fail',
    });
  });

  it('adds a pinned column that may be absent, nullable unless said', async () => {
    const spec = parseDatasetSpec({
      columns: { snow_depth: { type: 'float', required: false, min: 0 } },
    });
    const contract = resolveDatasetSpec(spec, await weatherTypes);
    expect(contract.schema.columns.at(-1)).toEqual({
      name: 'snow_depth',
      type: 'float',
      nullable: true,
    });
    expect(contract.expectations).toEqual({ snow_depth: { required: false, min: 0 } });
  });

  it('refuses a spec column the file lacks, suggesting the closest', async () => {
    const types = await weatherTypes;
    const error = await expectInvalid(
      () =>
        resolveDatasetSpec(
          parseDatasetSpec({ columns: { temp_mx: { max: 40 } } }),
          types,
          'w.yaml',
        ),
      'unknown_column',
      /^w\.yaml: column "temp_mx": the file has no such column \(did you mean "temp_max"\?\); its columns are "date", "precipitation",/,
    );
    expect(error.details).toMatchObject({ column: 'temp_mx', source: 'w.yaml' });
    await expectInvalid(
      () => resolveDatasetSpec({ columns: { snow: { required: false } } }, types),
      'unknown_column',
      /its type cannot be inferred; pin a "type"/,
    );
  });

  it('refuses rules that do not suit an inferred type, saying it was inferred', async () => {
    const types = await weatherTypes;
    await expectInvalid(
      () => resolveDatasetSpec({ columns: { weather: { min: 0 } } }, types),
      'rule_not_applicable',
      /column "weather", rule "min": min applies to integer, float and datetime columns; the column is string \(inferred from the file\); pin a numeric or datetime type/,
    );
    await expectInvalid(
      () => resolveDatasetSpec({ columns: { date: { min: 5 } } }, types),
      'wrong_value_type',
      /expected ISO 8601 text like "2012-01-01" because the column is datetime \(inferred from the file\), got 5/,
    );
    await expectInvalid(
      () => resolveDatasetSpec({ columns: { wind: { regex: '^\\d' } } }, types),
      'rule_not_applicable',
      /regex applies to string columns/,
    );
    await expectInvalid(
      () => resolveDatasetSpec({ columns: { wind: { allowed: ['calm'] } } }, types),
      'wrong_value_type',
      /values must be numbers because the column is float \(inferred from the file\)/,
    );
  });

  it('accepts a rule that suits the pinned type even when the inferred one would not', async () => {
    const spec = parseDatasetSpec({ columns: { wind: { type: 'string', regex: '^\\d+\\.\\d$' } } });
    const contract = resolveDatasetSpec(spec, await weatherTypes);
    expect(contract.schema.columns.find((c) => c.name === 'wind')?.type).toBe('string');
  });
});
