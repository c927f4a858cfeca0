import { describe, expect, it } from 'vitest';
import { expectGyreError } from '../testing/expect-gyre-error.js';
import { logLoss } from './log-loss.js';

describe('logLoss', () => {
  it('gives sklearn’s documented value, from rows or from one probability per sample', () => {
    const yTrue = ['spam', 'ham', 'ham', 'spam'];
    const rows = [
      [0.1, 0.9],
      [0.9, 0.1],
      [0.8, 0.2],
      [0.35, 0.65],
    ];
    expect(logLoss(yTrue, rows, ['ham', 'spam'])).toBe(0.21616187468057912);
    expect(logLoss(yTrue, [0.9, 0.1, 0.2, 0.65], ['ham', 'spam'])).toBeCloseTo(
      0.21616187468057912,
      15,
    );
  });

  it('clips a confident mistake to eps, so it costs -log(eps) rather than infinity', () => {
    expect(logLoss([0, 1], [1, 0], [0, 1])).toBe(-Math.log(Number.EPSILON));
    // sklearn's values for eps=1e-15: a single probability p becomes [1 - p, p] after
    // clipping, and 1 - (1 - 1e-15) is not exactly 1e-15 in floating point.
    expect(logLoss([0, 1], [1, 0], [0, 1], { eps: 1e-15 })).toBe(34.53917619362578);
    const rows = [
      [0, 1],
      [1, 0],
    ];
    expect(logLoss([0, 1], rows, [0, 1], { eps: 1e-15 })).toBe(34.538776394910684);
    expect(logLoss([0, 1], [0, 1], [0, 1])).toBe(2.2204460492503136e-16); // sklearn: ~eps, not 0
  });

  it('renormalises rows that do not sum to 1 after clipping, as sklearn does', () => {
    // [2, 2] and [1, 3] both clip to [1 - eps, 1 - eps]: each true class gets one half.
    const rows = [
      [2, 2],
      [1, 3],
    ];
    expect(logLoss([0, 1], rows, [0, 1])).toBe(Math.log(2));
  });

  it('explains inputs it cannot score', async () => {
    await expectGyreError(
      () => logLoss([0, 3], [0.2, 0.7], [0, 1]),
      'INVALID_PARAMETER_VALUE',
      /yTrue\[1\] is 3, which is not one of classes/,
    );
    await expectGyreError(
      () => logLoss([0, 1, 2], [0.2, 0.7, 0.1], [0, 1, 2]),
      'INVALID_PARAMETER_VALUE',
      /one probability per sample, which needs exactly two classes/,
    );
    await expectGyreError(
      () => logLoss([0, 1], [0.2, 0.7], [0, 1], { eps: 0 }),
      'INVALID_PARAMETER_VALUE',
      /eps must be a number between 0 and 0\.5/,
    );
    await expectGyreError(
      () => logLoss([0, 1], [[0.2, 0.8], [0.7]], [0, 1]),
      'INVALID_PARAMETER_VALUE',
      /proba\[1\] has 1 values but there are 2 classes/,
    );
  });
});
