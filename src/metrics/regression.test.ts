import { describe, expect, it } from 'vitest';
import { expectGyreError } from '../testing/expect-gyre-error.js';
import { meanAbsoluteError } from './mean-absolute-error.js';
import { meanAbsolutePercentageError } from './mean-absolute-percentage-error.js';
import { meanSquaredError, rootMeanSquaredError } from './mean-squared-error.js';
import { r2Score } from './r2-score.js';

describe('regression metrics', () => {
  it('computes the basic errors', () => {
    const yTrue = [3, -0.5, 2, 7];
    const yPred = [2.5, 0, 2, 8];
    expect(meanAbsoluteError(yTrue, yPred)).toBe(0.5);
    expect(meanSquaredError(yTrue, yPred)).toBe(0.375);
    expect(rootMeanSquaredError(yTrue, yPred)).toBe(Math.sqrt(0.375));
    expect(r2Score(yTrue, yPred)).toBe(0.9486081370449679);
  });

  it('gives R² below 0 for predictions worse than the mean', () => {
    expect(r2Score([1, 2, 3], [3, 2, 1])).toBe(-3);
  });

  it('follows sklearn 1.2.1 for a constant yTrue: 1 if exact, else 0', () => {
    expect(r2Score([4, 4, 4], [4, 4, 4])).toBe(1);
    expect(r2Score([4, 4, 4], [4, 5, 4])).toBe(0);
    // numpy's mean of [0.1, 0.1, 0.1] is not exactly 0.1, so SS_tot is not 0: sklearn's answer.
    expect(r2Score([0.1, 0.1, 0.1], [0.1, 0.2, 0.1])).toBe(-1.7307656195116095e31);
  });

  it('divides by machine epsilon, not zero, where yTrue is 0 in MAPE', () => {
    expect(meanAbsolutePercentageError([0, 1], [1, 1])).toBe(1 / Number.EPSILON / 2);
    expect(meanAbsolutePercentageError([0, 2], [0, 1])).toBe(0.25);
  });

  it('needs two samples for R² and finite, paired values everywhere', async () => {
    await expectGyreError(
      () => r2Score([1], [2]),
      'INVALID_PARAMETER_VALUE',
      /R² is not defined for fewer than two samples/,
    );
    await expectGyreError(
      () => meanAbsoluteError([1, 2], [1, Infinity]),
      'INVALID_PARAMETER_VALUE',
      /yPred\[1\] is Infinity; expected a finite number/,
    );
    await expectGyreError(
      () => rootMeanSquaredError([1, 2, 3], [1, 2]),
      'INVALID_PARAMETER_VALUE',
      /yTrue has 3 samples but yPred has 2/,
    );
  });
});
