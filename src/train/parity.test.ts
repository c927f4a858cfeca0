import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { readVegaTable } from '../testing/vega-data.js';
import type { Table } from '../data/tabular/index.js';
import type { Columns } from './preprocess/column-data.js';
import {
  executeTraining,
  featureTensors,
  planTraining,
  trainerVersion,
  type FeatureColumn,
  type FittedModel,
  type TrainRequest,
} from './index.js';

/**
 * The exported ONNX graph must predict what the TypeScript model predicts, on held-out rows and
 * on rows with every value missing or categories never seen in training. Tolerance 1e-5 for
 * probabilities; for regression values 1e-5 relative to the value, since the graph computes in
 * float32 (as served models do) and a car's 30 mpg has float32 steps of 2e-6.
 */
async function expectParity(table: Table, request: TrainRequest): Promise<FittedModel> {
  const plan = planTraining(table, { cv: 0, ...request });
  const { model } = executeTraining(plan);
  const rows = withAwkwardRows(plan.test!.columns, plan.test!.rows);
  const expected = model.predict(rows.columns, rows.count);
  const session = await ort.InferenceSession.create(
    model.exportOnnx({ runId: 'a'.repeat(32), trainer: trainerVersion }),
  );
  const feeds = Object.fromEntries(
    Object.entries(
      featureTensors(model.featureSchema(), plainColumns(rows.columns), rows.count),
    ).map(([name, t]) => [name, new ort.Tensor(t.type, t.data, t.dims)]),
  );
  const outputs = await session.run(feeds);
  if (model.network.task === 'regression') {
    const values = outputs.prediction!.data as Float32Array;
    expect(values.length).toBe(rows.count);
    for (let r = 0; r < rows.count; r += 1) {
      const want = expected.data[r]!;
      expect(Math.abs(values[r]! - want), `row ${r}`).toBeLessThanOrEqual(
        1e-5 * Math.max(1, Math.abs(want)),
      );
    }
    return model;
  }
  const probabilities = outputs.probabilities!.data as Float32Array;
  const labels = outputs.label!.data as string[];
  const classes = model.classes!;
  expect(probabilities.length).toBe(rows.count * classes.length);
  for (let r = 0; r < rows.count; r += 1) {
    const row = Array.from(expected.data.subarray(r * classes.length, (r + 1) * classes.length));
    row.forEach((p, k) =>
      expect(
        Math.abs(probabilities[r * classes.length + k]! - p),
        `row ${r} class ${k}`,
      ).toBeLessThanOrEqual(1e-5),
    );
    const sorted = [...row].sort((a, b) => b - a);
    if (sorted[0]! - sorted[1]! > 1e-4) expect(labels[r]).toBe(classes[row.indexOf(sorted[0]!)]);
  }
  return model;
}

/** The held-out rows plus one row with every value missing and one with unseen categories. */
function withAwkwardRows(columns: Columns, rows: number): { columns: Columns; count: number } {
  const out: Columns = {};
  for (const [name, column] of Object.entries(columns)) {
    if (column.type === 'categorical')
      out[name] = { type: 'categorical', values: [...column.values, null, 'never-seen-category'] };
    else {
      const values = new Float64Array(rows + 2);
      values.set(column.values);
      values[rows] = Number.NaN;
      values[rows + 1] = column.values[0]!;
      out[name] = { type: column.type, values };
    }
  }
  return { columns: out, count: rows + 2 };
}

function plainColumns(columns: Columns): Record<string, FeatureColumn> {
  return Object.fromEntries(Object.entries(columns).map(([name, column]) => [name, column.values]));
}

/** penguins with a boolean column, to cover booleans as numeric 0/1 inputs. */
async function penguinsWithBoolean(): Promise<Table> {
  const table = await readVegaTable('penguins.json');
  const mass = table.values['Body Mass (g)']!;
  return {
    ...table,
    columns: [...table.columns, 'heavy'],
    values: { ...table.values, heavy: mass.map((m) => (m === null ? null : Number(m) > 4000)) },
  };
}

describe('ONNX export matches the TypeScript model', () => {
  it('ridge regression with numeric, categorical and datetime columns (cars)', async () => {
    await expectParity(await readVegaTable('cars.json'), {
      target: 'Miles_per_Gallon',
      model: 'ridge',
      features: ['Horsepower', 'Weight_in_lbs', 'Origin', 'Year'],
    });
  });

  it('ridge with a large-magnitude column and a constant decimal column', async () => {
    const cars = await readVegaTable('cars.json');
    // Epoch seconds lose tens of units in float32; a constant 0.1 has a rounding-noise spread.
    const stamp = cars.values.Horsepower!.map((hp, i) => 1.6e9 + i * 37 + Number(hp ?? 0));
    const constant = stamp.map(() => 0.1);
    await expectParity(
      {
        ...cars,
        columns: [...cars.columns, 'stamp', 'constant'],
        values: { ...cars.values, stamp, constant },
      },
      {
        target: 'Miles_per_Gallon',
        model: 'ridge',
        features: ['stamp', 'constant', 'Weight_in_lbs'],
      },
    );
  });

  it('MLP classifier with ReLU, no early stopping, and datetimes with times of day', async () => {
    const table = await readVegaTable('seattle-weather.csv');
    // Give each day a time, so the model takes the hour part too.
    const date = table.values.date!.map(
      (cell, i) => `${String(cell)}T${String(i % 24).padStart(2, '0')}:30:00Z`,
    );
    const model = await expectParity(
      { ...table, values: { ...table.values, date } },
      { target: 'weather', model: 'mlp', params: { max_epochs: 20 } },
    );
    expect(model.featureSchema().find((f) => f.name === 'date')?.parts).toContain('hour');
  });

  it('MLP regressor, tanh, two hidden layers (cars)', async () => {
    await expectParity(await readVegaTable('cars.json'), {
      target: 'Miles_per_Gallon',
      model: 'mlp',
      features: ['Horsepower', 'Weight_in_lbs', 'Origin', 'Year'],
      params: { hidden_layers: '16,8', activation: 'tanh', max_epochs: 50 },
    });
  });

  it('multinomial logistic regression with missing values and a boolean column (penguins)', async () => {
    await expectParity(await penguinsWithBoolean(), { target: 'Species', model: 'logistic' });
  });

  it('binary logistic regression (penguins sex)', async () => {
    const penguins = await readVegaTable('penguins.json');
    // One penguin's sex is recorded as '.'; as a missing value it leaves two classes.
    const sex = penguins.values.Sex!.map((value) => (value === '.' ? null : value));
    await expectParity(
      { ...penguins, values: { ...penguins.values, Sex: sex } },
      { target: 'Sex', model: 'logistic' },
    );
  });

  it('MLP classifier with early stopping and a datetime column (seattle-weather)', async () => {
    await expectParity(await readVegaTable('seattle-weather.csv'), {
      target: 'weather',
      model: 'mlp',
      params: { max_epochs: 40, early_stopping: true },
    });
  });
});
