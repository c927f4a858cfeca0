import { describe, expect, it } from 'vitest';
import { averagePrecisionOvr } from './average-precision-ovr.js';
import { logLoss } from './log-loss.js';
import { rocAucOvr } from './roc-auc-ovr.js';
import { expectSklearn, loadSklearnFixture } from './testing/sklearn-fixture.js';

const { probaCases } = loadSklearnFixture();

describe('log loss and one-vs-rest ROC-AUC / average precision equal scikit-learn 1.2.1', () => {
  it('has the generated cases', () => {
    expect(probaCases.length).toBeGreaterThan(50);
  });

  it.each(probaCases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const { yTrue, proba, classes, expected } = c;
    expectSklearn(() => logLoss(yTrue, proba, classes), expected.logLoss, 'logLoss');
    expectSklearn(
      () => logLoss(yTrue, proba, classes, { eps: 1e-15 }),
      expected['logLoss/eps=1e-15'],
      'logLoss eps=1e-15',
    );
    if (classes.length === 2) {
      const positive = proba.map((row) => row[1]!);
      expectSklearn(
        () => logLoss(yTrue, positive, classes),
        expected['logLoss/vector'],
        'logLoss, one probability per sample',
      );
    }
    for (const average of ['macro', 'weighted'] as const) {
      expectSklearn(
        () => rocAucOvr(yTrue, proba, classes, { average }),
        expected[`rocAucOvr/${average}`],
        `rocAucOvr ${average}`,
      );
      expectSklearn(
        () => averagePrecisionOvr(yTrue, proba, classes, { average }),
        expected[`averagePrecisionOvr/${average}`],
        `averagePrecisionOvr ${average}`,
      );
    }
    expectSklearn(() => rocAucOvr(yTrue, proba, classes), expected['rocAucOvr/macro'], 'default');
  });
});
