import { describe, expect, it } from 'vitest';
import { readVegaTable, referenceFeatures } from '../testing/vega-data.js';
import { crossValidate, prepareTrainingData, resolveParams, type ModelKind } from './index.js';

/**
 * 5-fold cross-validation (shuffled, stratified for classifiers) against scikit-learn 1.2.1 with
 * the equivalent pipelines (SimpleImputer + StandardScaler + OneHotEncoder, default
 * hyper-parameters, MLP with one hidden layer of 64). Gyre must be within 1.5 accuracy points or
 * 0.02 R² of these scores, or better. Folds and weights are seeded, so the scores are fixed.
 */
const cases: {
  file: string;
  target: string;
  model: ModelKind;
  features?: string[];
  metric: 'accuracy' | 'r2';
  reference: number;
}[] = [
  {
    file: 'penguins.json',
    target: 'Species',
    model: 'logistic',
    metric: 'accuracy',
    reference: 0.991,
  },
  {
    file: 'seattle-weather.csv',
    target: 'weather',
    model: 'logistic',
    features: referenceFeatures.seattle,
    metric: 'accuracy',
    reference: 0.789,
  },
  {
    file: 'seattle-weather.csv',
    target: 'weather',
    model: 'mlp',
    features: referenceFeatures.seattle,
    metric: 'accuracy',
    reference: 0.845,
  },
  {
    file: 'cars.json',
    target: 'Miles_per_Gallon',
    model: 'ridge',
    features: referenceFeatures.cars,
    metric: 'r2',
    reference: 0.703,
  },
  {
    file: 'cars.json',
    target: 'Miles_per_Gallon',
    model: 'mlp',
    features: referenceFeatures.cars,
    metric: 'r2',
    reference: 0.756,
  },
];

describe('model quality against scikit-learn 1.2.1', () => {
  for (const c of cases) {
    it(
      `${c.model} on ${c.file} (${c.target}): ${c.metric} within reach of ${c.reference}`,
      { timeout: 600_000 },
      async () => {
        const data = prepareTrainingData(await readVegaTable(c.file), {
          target: c.target,
          model: c.model,
          ...(c.features ? { features: c.features } : {}),
        });
        const cv = crossValidate(
          data,
          { kind: c.model, params: resolveParams(c.model), seed: 0 },
          5,
        );
        const allowed = c.metric === 'accuracy' ? 0.015 : 0.02;
        expect(cv.folds).toHaveLength(5);
        expect(cv.mean[c.metric]).toBeGreaterThanOrEqual(c.reference - allowed);
      },
    );
  }
});
