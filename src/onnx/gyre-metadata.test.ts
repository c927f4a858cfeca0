import { describe, expect, it } from 'vitest';
import { expectGyreError } from '../testing/expect-gyre-error.js';
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
