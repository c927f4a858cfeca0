import { describe, expect, it } from 'vitest';
import { expectGyreError } from '../testing/expect-gyre-error.js';
import { featureTensors } from './feature-tensors.js';
import { checkFeatureSchema, featureInputs } from './gyre-metadata.js';

const where = 'featureSchema';

describe('feature schema with datetime parts', () => {
  it('maps a datetime feature to one input per part', () => {
    const schema = checkFeatureSchema(
      [
        { name: 'date', type: 'datetime', input: 'date', parts: ['year', 'weekday'] },
        { name: 'wind', type: 'numeric', input: 'wind' },
      ],
      ['date.year', 'date.weekday', 'wind'],
      where,
    );
    expect(schema.map(featureInputs)).toEqual([['date.year', 'date.weekday'], ['wind']]);
  });

  it('refuses parts the model has no input for, unknown or repeated parts, and parts on other types', async () => {
    const date = { name: 'date', type: 'datetime', input: 'date' };
    await expectGyreError(
      () => checkFeatureSchema([{ ...date, parts: ['year', 'month'] }], ['date.year'], where),
      'INVALID_PARAMETER_VALUE',
      /feeds input 'date\.month', which the model does not have/,
    );
    await expectGyreError(
      () => checkFeatureSchema([{ ...date, parts: ['year', 'year'] }], ['date.year'], where),
      'INVALID_PARAMETER_VALUE',
      /distinct parts among year, month, day, weekday, hour/,
    );
    await expectGyreError(
      () => checkFeatureSchema([{ ...date, parts: ['decade'] }], ['date.decade'], where),
      'INVALID_PARAMETER_VALUE',
      /distinct parts/,
    );
    await expectGyreError(
      () =>
        checkFeatureSchema(
          [{ name: 'wind', type: 'numeric', input: 'wind', parts: ['year'] }],
          ['wind.year'],
          where,
        ),
      'INVALID_PARAMETER_VALUE',
      /only for datetime features/,
    );
  });
});

describe('featureTensors', () => {
  it('feeds numbers as float32, categories as strings and datetimes as UTC parts', () => {
    const tensors = featureTensors(
      [
        { name: 'wind', type: 'numeric', input: 'wind' },
        { name: 'weather', type: 'categorical', input: 'weather' },
        {
          name: 'date',
          type: 'datetime',
          input: 'date',
          parts: ['year', 'month', 'day', 'weekday', 'hour'],
        },
      ],
      {
        wind: [4.5, Number.NaN],
        weather: ['rain', null],
        date: [Date.UTC(2024, 1, 29, 13, 30), Number.NaN],
      },
      2,
    );
    expect(tensors.wind).toEqual({
      type: 'float32',
      data: Float32Array.from([4.5, Number.NaN]),
      dims: [2, 1],
    });
    expect(tensors.weather).toEqual({ type: 'string', data: ['rain', ''], dims: [2, 1] });
    // 2024-02-29 was a Thursday: weekday 3 with Monday = 0, as pandas counts.
    expect(
      ['year', 'month', 'day', 'weekday', 'hour'].map((part) => tensors[`date.${part}`]!.data[0]),
    ).toEqual([2024, 2, 29, 3, 13.5]);
    expect(Number.isNaN(tensors['date.year']!.data[1])).toBe(true);
  });

  it('names the column a caller left out', async () => {
    await expectGyreError(
      () => featureTensors([{ name: 'wind', type: 'numeric', input: 'wind' }], {}, 1),
      'INVALID_PARAMETER_VALUE',
      /no values for the model's input column 'wind'/,
    );
  });
});
