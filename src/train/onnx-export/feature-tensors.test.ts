import { describe, expect, it } from 'vitest';
import { expectGyreError } from '../../testing/expect-gyre-error.js';
import { featureTensors } from './feature-tensors.js';

describe('featureTensors', () => {
  it('feeds numbers as doubles, categories as strings and datetimes as UTC parts', () => {
    const tensors = featureTensors(
      [
        { name: 'wind', type: 'numeric', input: 'wind' },
        { name: 'sunny', type: 'boolean', input: 'sunny' },
        { name: 'weather', type: 'categorical', input: 'weather' },
        {
          name: 'date',
          type: 'datetime',
          input: 'date',
          parts: ['year', 'month', 'day', 'weekday', 'hour'],
        },
      ],
      {
        wind: [4.5, null, '', '7.25'],
        sunny: [true, false, 'true', null],
        weather: ['rain', null, 3, ''],
        date: [Date.UTC(2024, 1, 29, 13, 30), null, '2024-02-29T13:30:00Z', '2012-01-01'],
      },
      4,
    );
    expect(tensors.wind).toEqual({
      type: 'float64',
      data: Float64Array.from([4.5, NaN, NaN, 7.25]),
      dims: [4, 1],
    });
    expect(Array.from(tensors.sunny!.data as Float64Array)).toEqual([1, 0, 1, NaN]);
    expect(tensors.weather).toEqual({ type: 'string', data: ['rain', '', '3', ''], dims: [4, 1] });
    // 2024-02-29 was a Thursday: weekday 3 with Monday = 0, as pandas counts.
    const parts = (row: number) =>
      ['year', 'month', 'day', 'weekday', 'hour'].map((part) => tensors[`date.${part}`]!.data[row]);
    expect(parts(0)).toEqual([2024, 2, 29, 3, 13.5]);
    expect(parts(2)).toEqual(parts(0));
    expect(parts(1).every((v) => Number.isNaN(v))).toBe(true);
    expect(parts(3)).toEqual([2012, 1, 1, 6, 0]);
  });

  it('refuses values the column cannot hold instead of feeding them as missing', async () => {
    const wind = { name: 'wind', type: 'numeric', input: 'wind' } as const;
    await expectGyreError(
      () => featureTensors([wind], { wind: ['calm'] }, 1),
      'INVALID_PARAMETER_VALUE',
      /column 'wind' row 0 is "calm"; the model expects a number/,
    );
    await expectGyreError(
      () => featureTensors([wind], { wind: [Infinity] }, 1),
      'INVALID_PARAMETER_VALUE',
      /expects a finite number/,
    );
    await expectGyreError(
      () =>
        featureTensors(
          [{ name: 'date', type: 'datetime', input: 'date', parts: ['year'] }],
          { date: ['yesterday'] },
          1,
        ),
      'INVALID_PARAMETER_VALUE',
      /ISO 8601/,
    );
    await expectGyreError(
      () => featureTensors([wind], {}, 1),
      'INVALID_PARAMETER_VALUE',
      /no values for the model's input column 'wind'/,
    );
  });
});
