import { describe, expect, it } from 'vitest';
import { meanAbsoluteError } from './mean-absolute-error.js';
import { meanAbsolutePercentageError } from './mean-absolute-percentage-error.js';
import { meanSquaredError, rootMeanSquaredError } from './mean-squared-error.js';
import { r2Score } from './r2-score.js';
import { expectSklearn, loadSklearnFixture } from './testing/sklearn-fixture.js';

const { regressionCases } = loadSklearnFixture();

const metrics = {
  meanAbsoluteError,
  meanSquaredError,
  rootMeanSquaredError,
  r2Score,
  meanAbsolutePercentageError,
};

describe('MAE, MSE, RMSE, R² and MAPE equal scikit-learn 1.2.1', () => {
  it('has the generated cases', () => {
    expect(regressionCases.length).toBeGreaterThan(25);
  });

  it.each(regressionCases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    expect(Object.keys(c.expected).sort()).toEqual(Object.keys(metrics).sort());
    for (const [name, metric] of Object.entries(metrics)) {
      expectSklearn(() => metric(c.yTrue, c.yPred), c.expected[name], name);
    }
  });
});
