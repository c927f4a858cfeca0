import { describe, expect, it } from 'vitest';
import type { Cell, Table } from '../../data/tabular/index.js';
import { expectGyreError } from '../../testing/expect-gyre-error.js';
import { readVegaTable } from '../../testing/vega-data.js';
import { prepareTrainingData } from './prepare-data.js';

function table(values: Record<string, Cell[]>): Table {
  const columns = Object.keys(values);
  return { columns, values, rowCount: values[columns[0]!]!.length };
}

describe('prepareTrainingData', () => {
  it('types penguins columns and drops the rows without a target', async () => {
    const data = prepareTrainingData(await readVegaTable('penguins.json'), {
      target: 'Sex',
      model: 'logistic',
    });
    expect(data.rows + data.droppedRows).toBe(344);
    expect(data.droppedRows).toBeGreaterThan(0);
    expect(data.featureTypes).toEqual({
      Species: 'categorical',
      Island: 'categorical',
      'Beak Length (mm)': 'numeric',
      'Beak Depth (mm)': 'numeric',
      'Flipper Length (mm)': 'numeric',
      'Body Mass (g)': 'numeric',
    });
    // The file really has one penguin whose sex is recorded as '.'.
    expect(data.target).toMatchObject({ task: 'classification', classes: ['.', 'FEMALE', 'MALE'] });
  });

  it('reads CSV text as numbers, datetimes and categories, and leaves out identifiers', async () => {
    const data = prepareTrainingData(await readVegaTable('cars.json'), {
      target: 'Miles_per_Gallon',
      model: 'ridge',
    });
    expect(data.excludedColumns).toEqual([
      { name: 'Name', reason: expect.stringMatching(/311 distinct values in 406 rows/) as string },
    ]);
    expect(data.featureTypes.Year).toBe('datetime');
    expect(data.featureTypes.Origin).toBe('categorical');
    expect(data.target.task).toBe('regression');
    const seattle = prepareTrainingData(await readVegaTable('seattle-weather.csv'), {
      target: 'temp_max',
      model: 'mlp',
    });
    expect(seattle.featureTypes).toMatchObject({
      date: 'datetime',
      weather: 'categorical',
      wind: 'numeric',
    });
    expect(seattle.columns.date).toMatchObject({ type: 'datetime' });
    expect((seattle.columns.date!.values as Float64Array)[0]).toBe(Date.UTC(2012, 0, 1));
  });

  it('turns booleans into 0/1 and keeps integer class codes in numeric order', () => {
    const data = prepareTrainingData(
      table({ flag: [true, false, null, true], code: ['10', '2', '2', '10'] }),
      { target: 'code', model: 'logistic' },
    );
    expect(data.featureTypes.flag).toBe('boolean');
    expect(Array.from(data.columns.flag!.values as Float64Array)).toEqual([1, 0, Number.NaN, 1]);
    expect(data.target).toMatchObject({ classes: ['2', '10'] });
  });

  it('classifies text targets with an MLP and regresses numbers unless told otherwise', () => {
    const rows = table({ x: [1, 2, 3, 4], y: [0, 1, 0, 1] });
    expect(prepareTrainingData(rows, { target: 'y', model: 'mlp' }).target.task).toBe('regression');
    expect(
      prepareTrainingData(rows, { target: 'y', model: 'mlp', task: 'classification' }).target.task,
    ).toBe('classification');
  });

  it('refuses a missing target column, naming the columns there are', async () => {
    await expectGyreError(
      () => prepareTrainingData(table({ a: [1], b: [2] }), { target: 'c', model: 'ridge' }),
      'INVALID_PARAMETER_VALUE',
      /no target column 'c'; its columns are 'a', 'b'/,
    );
  });

  it('refuses a table without rows', async () => {
    await expectGyreError(
      () => prepareTrainingData(table({ a: [], b: [] }), { target: 'a', model: 'ridge' }),
      'INVALID_PARAMETER_VALUE',
      /no rows/,
    );
  });

  it('refuses a regression target that is not numeric, with examples and a way out', async () => {
    await expectGyreError(
      () =>
        prepareTrainingData(table({ x: [1, 2, 3], y: ['sun', 'rain', 'sun'] }), {
          target: 'y',
          model: 'ridge',
        }),
      'INVALID_PARAMETER_VALUE',
      /regression target must be numeric, but 'y' holds text \(e\.g\. "sun", "rain"\).*logistic or mlp/,
    );
  });

  it('refuses fractional class labels, a single class and a target with no values', async () => {
    await expectGyreError(
      () =>
        prepareTrainingData(table({ x: [1, 2], y: [0.5, 1.5] }), {
          target: 'y',
          model: 'logistic',
        }),
      'INVALID_PARAMETER_VALUE',
      /fractional numbers/,
    );
    await expectGyreError(
      () =>
        prepareTrainingData(table({ x: [1, 2], y: ['a', 'a'] }), {
          target: 'y',
          model: 'logistic',
        }),
      'INVALID_PARAMETER_VALUE',
      /single class/,
    );
    await expectGyreError(
      () =>
        prepareTrainingData(table({ x: [1, 2], y: [null, ''] }), { target: 'y', model: 'ridge' }),
      'INVALID_PARAMETER_VALUE',
      /every value of the target 'y' is missing/,
    );
  });

  it('refuses unknown features, the target as a feature, and tasks the model cannot do', async () => {
    const rows = table({ x: [1, 2], y: [1, 2] });
    await expectGyreError(
      () => prepareTrainingData(rows, { target: 'y', model: 'ridge', features: ['z'] }),
      'INVALID_PARAMETER_VALUE',
      /no feature column 'z'/,
    );
    await expectGyreError(
      () => prepareTrainingData(rows, { target: 'y', model: 'ridge', features: ['y'] }),
      'INVALID_PARAMETER_VALUE',
      /'y' is the target/,
    );
    await expectGyreError(
      () => prepareTrainingData(rows, { target: 'y', model: 'ridge', task: 'classification' }),
      'INVALID_PARAMETER_VALUE',
      /ridge is a regressor/,
    );
  });

  it('refuses infinite values and a feature named twice; takes a column called __proto__', async () => {
    await expectGyreError(
      () =>
        prepareTrainingData(table({ x: ['1', 'inf', '2'], y: [1, 2, 3] }), {
          target: 'y',
          model: 'ridge',
        }),
      'INVALID_PARAMETER_VALUE',
      /column 'x' holds Infinity \(row 1\); remove or cap infinite values/,
    );
    await expectGyreError(
      () =>
        prepareTrainingData(table({ x: [1, 2, 3], y: [1, -Infinity, 3] }), {
          target: 'y',
          model: 'ridge',
        }),
      'INVALID_PARAMETER_VALUE',
      /column 'y' holds -Infinity/,
    );
    await expectGyreError(
      () =>
        prepareTrainingData(table({ x: [1, 2], y: [1, 2] }), {
          target: 'y',
          model: 'ridge',
          features: ['x', 'x'],
        }),
      'INVALID_PARAMETER_VALUE',
      /feature 'x' is named twice/,
    );
    const odd = table({ ['__proto__']: [1, 2, 3], constructor: ['a', 'b', 'a'], y: [1, 2, 3] });
    const data = prepareTrainingData(odd, { target: 'y', model: 'ridge' });
    expect(data.features).toEqual(['__proto__', 'constructor']);
    expect(Array.from(data.columns['__proto__']!.values as Float64Array)).toEqual([1, 2, 3]);
  });

  it('counts only present values when deciding a text column is an identifier', () => {
    const ids = (distinct: number) =>
      Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? null : `id${(i >> 1) % distinct}`));
    const prepare = (code: (string | null)[]) =>
      prepareTrainingData(table({ code, x: code.map((_, i) => i % 3), y: code.map((_, i) => i) }), {
        target: 'y',
        model: 'ridge',
      });
    expect(prepare(ids(20)).excludedColumns.map((c) => c.name)).toEqual(['code']);
    // 19 distinct values plus missing ones: missing is not a 20th value.
    expect(prepare(ids(19)).features).toEqual(['code', 'x']);
  });
});
