import { describe, expect, it } from 'vitest';
import { accuracy } from './accuracy.js';
import { confusionMatrix } from './confusion-matrix.js';
import type { Label } from './labels.js';
import {
  type Average,
  f1,
  precision,
  precisionRecallF1,
  recall,
  type PrecisionRecallOptions,
} from './precision-recall-f1.js';
import {
  type ConfusionMatrix,
  expectClose,
  expectInvalid,
  expectSklearn,
  type Expected,
  isSklearnError,
  type LabelCase,
  loadSklearnFixture,
  type PrecisionRecallF1,
} from './testing/sklearn-fixture.js';

const { labelCases, versions } = loadSklearnFixture();
const averagePattern = /^(binary|micro|macro|weighted)\/zeroDivision=([01])$/;

describe('accuracy, precision, recall, F1 and confusion matrix equal scikit-learn 1.2.1', () => {
  it('has the generated cases, from the sklearn version Gyre matches', () => {
    expect(versions.sklearn).toBe('1.2.1');
    expect(labelCases.length).toBeGreaterThan(100);
  });

  it.each(labelCases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    expectSklearn(
      () => accuracy(c.yTrue, c.yPred),
      c.expected.accuracy as Expected<number>,
      'accuracy',
    );
    expectMatrix(confusionMatrix(c.yTrue, c.yPred), c.expected.confusionMatrix);
    const chosen = c.expected.confusionMatrixLabels as ConfusionMatrix | undefined;
    if (chosen) expectMatrix(confusionMatrix(c.yTrue, c.yPred, { labels: chosen.labels }), chosen);
    const keys = Object.keys(c.expected).filter((key) => averagePattern.test(key));
    expect(keys.length).toBe(c.posLabel === null ? 6 : 8);
    for (const key of keys) checkAverage(c, key);
  });
});

function checkAverage(c: LabelCase, key: string): void {
  const [, average, zero] = averagePattern.exec(key)!;
  const options: PrecisionRecallOptions = {
    average: average as Average,
    zeroDivision: Number(zero) as 0 | 1,
  };
  if (average === 'binary') options.posLabel = c.posLabel!;
  const expected = c.expected[key] as PrecisionRecallF1;
  const variants = [options];
  // Where the fixture's positive class is the default one (1, or true), leave it out too.
  if (average === 'binary' && isDefaultPosLabel(c.posLabel!, c.yTrue)) {
    variants.push({ ...options, posLabel: undefined });
  }
  for (const variant of variants) {
    const what = `${c.name} ${JSON.stringify(variant)}`;
    if (isSklearnError(expected)) {
      expectInvalid(() => precisionRecallF1(c.yTrue, c.yPred, variant), what);
      continue;
    }
    const all = precisionRecallF1(c.yTrue, c.yPred, variant);
    expectClose(all.precision, expected.precision, `${what} precision`);
    expectClose(all.recall, expected.recall, `${what} recall`);
    expectClose(all.f1, expected.f1, `${what} f1`);
    expect(precision(c.yTrue, c.yPred, variant)).toBe(all.precision);
    expect(recall(c.yTrue, c.yPred, variant)).toBe(all.recall);
    expect(f1(c.yTrue, c.yPred, variant)).toBe(all.f1);
  }
}

function isDefaultPosLabel(posLabel: Label, yTrue: readonly Label[]): boolean {
  return typeof yTrue[0] === 'boolean' ? posLabel === true : posLabel === 1;
}

function expectMatrix(actual: ConfusionMatrix, expected: unknown): void {
  expect(actual).toEqual(expected);
}
