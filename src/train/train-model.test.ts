import { describe, expect, it } from 'vitest';
import type { Table } from '../data/tabular/index.js';
import { expectGyreError } from '../testing/expect-gyre-error.js';
import { readVegaTable, referenceFeatures } from '../testing/vega-data.js';
import {
  resolveParams,
  trainerVersion,
  trainModel,
  type EpochLoss,
  type TrainRequest,
} from './index.js';

const seattle = () => readVegaTable('seattle-weather.csv');
const mlp: TrainRequest = {
  target: 'weather',
  model: 'mlp',
  features: referenceFeatures.seattle,
  params: { hidden_layers: '16', max_epochs: 15 },
  cv: 0,
};

function exported(
  table: Table,
  request: TrainRequest,
): { bytes: Uint8Array; metrics: Record<string, number> } {
  const outcome = trainModel(table, request);
  return { bytes: outcome.model.exportOnnx({ trainer: trainerVersion }), metrics: outcome.metrics };
}

describe('trainModel', () => {
  it('is deterministic for a seed and changes with it', async () => {
    const table = await seattle();
    const first = exported(table, { ...mlp, seed: 7 });
    const again = exported(table, { ...mlp, seed: 7 });
    const other = exported(table, { ...mlp, seed: 8 });
    expect(Buffer.from(again.bytes).equals(Buffer.from(first.bytes))).toBe(true);
    expect(again.metrics).toEqual(first.metrics);
    expect(Buffer.from(other.bytes).equals(Buffer.from(first.bytes))).toBe(false);
  });

  it('stops early on the validation split and keeps the best epoch', async () => {
    const epochs: EpochLoss[] = [];
    trainModel(
      await seattle(),
      {
        ...mlp,
        params: {
          max_epochs: 1000,
          early_stopping: true,
          n_iter_no_change: 3,
          learning_rate: 0.05,
        },
      },
      { onEpoch: (loss) => epochs.push(loss) },
    );
    expect(epochs.length).toBeLessThan(1000);
    expect(epochs.every((e) => e.validationLoss !== undefined)).toBe(true);
    // Stopped after more than n_iter_no_change epochs without a better validation loss.
    const best = Math.min(...epochs.map((e) => e.validationLoss!));
    const bestEpoch = epochs.findIndex((e) => e.validationLoss === best) + 1;
    expect(epochs.length - bestEpoch).toBe(4);
  });

  it('reports cross-validation phases and the final fit', async () => {
    const phases: string[] = [];
    const outcome = trainModel(
      await seattle(),
      { ...mlp, cv: 3 },
      { onProgress: (phase, done, total) => phases.push(`${phase} ${done}/${total}`) },
    );
    expect(phases).toEqual([
      'cross-validation 0/3',
      'cross-validation 1/3',
      'cross-validation 2/3',
      'cross-validation 3/3',
      'training 0/1',
      'training 1/1',
    ]);
    expect(outcome.metrics.cv_accuracy).toBeGreaterThan(0.4);
    expect(outcome.trainRows + outcome.testRows).toBe(1461);
    expect(outcome.testRows).toBe(292);
  });

  it('refuses bad settings with the field and the allowed values', async () => {
    const table = await seattle();
    await expectGyreError(
      () => trainModel(table, { ...mlp, cv: 1 }),
      'INVALID_PARAMETER_VALUE',
      /cv must be 0/,
    );
    await expectGyreError(
      () => trainModel(table, { ...mlp, seed: -1 }),
      'INVALID_PARAMETER_VALUE',
      /seed must be/,
    );
    const tiny: Table = {
      columns: ['x', 'y'],
      values: { x: [1, 2, 3, 4], y: [1, 2, 3, 5] },
      rowCount: 4,
    };
    await expectGyreError(
      () => trainModel(tiny, { target: 'y', model: 'ridge', testFraction: 0 }),
      'INVALID_PARAMETER_VALUE',
      /4 training rows are too few for 5-fold cross-validation/,
    );
    const small: Table = {
      columns: ['x', 'y'],
      values: {
        x: Array.from({ length: 12 }, (_, i) => i),
        y: Array.from({ length: 12 }, (_, i) => ['a', 'b', 'c'][i % 3]!),
      },
      rowCount: 12,
    };
    await expectGyreError(
      () =>
        trainModel(small, {
          target: 'y',
          model: 'mlp',
          cv: 0,
          testFraction: 0,
          params: { early_stopping: true },
        }),
      'INVALID_PARAMETER_VALUE',
      /early stopping holds out 0 of 12 rows for validation, too few to judge \(at least 3\)/,
    );
    const wide: Table = {
      columns: ['id', 'y'],
      values: {
        id: Array.from({ length: 6000 }, (_, i) => `k${i % 5500}`),
        y: Array.from({ length: 6000 }, (_, i) => i),
      },
      rowCount: 6000,
    };
    await expectGyreError(
      () =>
        trainModel(wide, { target: 'y', model: 'ridge', features: ['id'], cv: 0, testFraction: 0 }),
      'INVALID_PARAMETER_VALUE',
      /expand to 5500 model inputs .* more than ridge's closed form takes \(5000\)/,
    );
  });
});

describe('resolveParams', () => {
  it('fills scikit-learn-like defaults and converts command-line text', () => {
    expect(resolveParams('ridge')).toEqual({ alpha: 1 });
    expect(
      resolveParams('mlp', { hidden_layers: '128, 64', early_stopping: 'true', alpha: '0.01' }),
    ).toMatchObject({
      hidden_layers: [128, 64],
      early_stopping: true,
      alpha: 0.01,
      learning_rate: 0.001,
      max_epochs: 1000,
    });
  });

  it('refuses unknown keys and out-of-range values', async () => {
    const cases: [Parameters<typeof resolveParams>, RegExp][] = [
      [
        ['logistic', { penalty: 'l1' }],
        /unknown param 'penalty' for logistic; it takes C, max_iter/,
      ],
      [['logistic', { C: 0 }], /C of logistic must be greater than 0/],
      [['mlp', { hidden_layers: 'wide' }], /layer sizes such as 64 or 128,64/],
      [['mlp', { batch_size: 2.5 }], /positive integer/],
      [['mlp', { validation_fraction: 1 }], /between 0 and 1/],
      [['ridge', { alpha: -1 }], /non-negative number/],
      [['ridge', { constructor: 1 }], /unknown param 'constructor' for ridge/],
    ];
    for (const [args, message] of cases)
      await expectGyreError(() => resolveParams(...args), 'INVALID_PARAMETER_VALUE', message);
  });
});
