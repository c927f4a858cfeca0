import { describe, expect, it } from 'vitest';
import { averagePrecision } from './average-precision.js';
import { type Label, sortedUniqueLabels } from './labels.js';
import { rocAuc } from './roc-auc.js';
import { expectSklearn, loadSklearnFixture } from './testing/sklearn-fixture.js';

const { scoreCases } = loadSklearnFixture();

describe('ROC-AUC and average precision (PR-AUC) equal scikit-learn 1.2.1', () => {
  it('has the generated cases', () => {
    expect(scoreCases.length).toBeGreaterThan(100);
  });

  it.each(scoreCases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const { yTrue, scores, posLabel, expected } = c;
    expectSklearn(() => rocAuc(yTrue, scores, { posLabel }), expected.rocAuc, 'rocAuc');
    expectSklearn(
      () => averagePrecision(yTrue, scores, { posLabel }),
      expected.averagePrecision,
      'averagePrecision',
    );
    // The defaults: rocAuc scores the greater label, averagePrecision 1 (true for booleans).
    const present = sortedUniqueLabels(yTrue);
    if (present.length === 2 && posLabel === present[1]) {
      expectSklearn(() => rocAuc(yTrue, scores), expected.rocAuc, 'rocAuc, default posLabel');
    }
    if (posLabel === defaultPosLabel(yTrue)) {
      expectSklearn(
        () => averagePrecision(yTrue, scores),
        expected.averagePrecision,
        'averagePrecision, default posLabel',
      );
    }
  });
});

function defaultPosLabel(yTrue: readonly Label[]): Label | undefined {
  if (typeof yTrue[0] === 'string') return undefined;
  return typeof yTrue[0] === 'boolean' ? true : 1;
}
