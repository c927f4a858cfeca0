import { describe, expect, it } from 'vitest';
import { expectGyreError } from '../testing/expect-gyre-error.js';
import { averagePrecision } from './average-precision.js';
import { averagePrecisionOvr } from './average-precision-ovr.js';
import { rocAuc } from './roc-auc.js';
import { rocAucOvr } from './roc-auc-ovr.js';

describe('rocAuc and averagePrecision', () => {
  it('gives sklearn’s documented values', () => {
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBe(0.75);
    expect(averagePrecision([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBe(0.8333333333333333);
  });

  it('counts a tie between a positive and a negative as half', () => {
    expect(rocAuc([0, 0, 1, 1], [0.5, 0.5, 0.5, 0.9])).toBe(0.75);
    expect(rocAuc([0, 1], [0.3, 0.3])).toBe(0.5);
  });

  it('takes the greater label as positive unless told otherwise', () => {
    const labels = ['spam', 'ham', 'spam', 'ham', 'ham'];
    const scores = [0.9, 0.2, 0.4, 0.5, 0.1];
    expect(rocAuc(labels, scores)).toBe(rocAuc(labels, scores, { posLabel: 'spam' }));
    expect(rocAuc(labels, scores, { posLabel: 'ham' })).toBeCloseTo(1 - rocAuc(labels, scores), 15);
  });

  it('explains why ROC-AUC is undefined for a single class', async () => {
    await expectGyreError(
      () => rocAuc([1, 1, 1], [0.2, 0.4, 0.9]),
      'INVALID_PARAMETER_VALUE',
      /ROC-AUC is not defined when yTrue holds only one class \(1\)/,
    );
    await expectGyreError(
      () => rocAuc([0, 1, 2], [0.2, 0.4, 0.9]),
      'INVALID_PARAMETER_VALUE',
      /use rocAucOvr with a probability per class/,
    );
  });

  it('scores average precision 1 when every sample is positive and 0 when none is', () => {
    expect(averagePrecision([1, 1, 1], [0.2, 0.4, 0.9])).toBe(1);
    expect(averagePrecision([0, 0, 0], [0.2, 0.4, 0.9])).toBe(0);
  });
});

describe('one-vs-rest ROC-AUC and average precision', () => {
  const yTrue = ['a', 'b', 'c', 'a', 'b', 'c'];
  const proba = [
    [0.7, 0.2, 0.1],
    [0.3, 0.4, 0.3],
    [0.2, 0.2, 0.6],
    [0.4, 0.4, 0.2],
    [0.1, 0.8, 0.1],
    [0.5, 0.1, 0.4],
  ];

  it('averages the per-class scores', () => {
    const perClass = ['a', 'b', 'c'].map((label, c) =>
      rocAuc(
        yTrue.map((y) => y === label),
        proba.map((row) => row[c]!),
        { posLabel: true },
      ),
    );
    const mean = (perClass[0]! + perClass[1]! + perClass[2]!) / 3;
    expect(rocAucOvr(yTrue, proba, ['a', 'b', 'c'])).toBeCloseTo(mean, 15);
  });

  it('follows the column order given by classes', () => {
    const swapped = proba.map(([a, b, c]) => [c!, a!, b!]);
    expect(rocAucOvr(yTrue, swapped, ['c', 'a', 'b'])).toBe(
      rocAucOvr(yTrue, proba, ['a', 'b', 'c']),
    );
  });

  it('equals rocAuc on the positive column for two classes', () => {
    const truth = [0, 1, 1, 0, 1];
    const p1 = [0.25, 0.75, 0.5, 0.5, 0.875];
    const rows = p1.map((p) => [1 - p, p]);
    expect(rocAucOvr(truth, rows, [0, 1])).toBe(rocAuc(truth, p1));
  });

  it('rejects rows that are not probabilities and classes absent from yTrue', async () => {
    await expectGyreError(
      () => rocAucOvr(yTrue, [[0.5, 0.5, 0.5], ...proba.slice(1)], ['a', 'b', 'c']),
      'INVALID_PARAMETER_VALUE',
      /proba\[0\] sums to 1\.5; multiclass ROC-AUC needs probabilities that sum to 1/,
    );
    await expectGyreError(
      () => rocAucOvr(yTrue, proba, ['a', 'b', 'd']),
      'INVALID_PARAMETER_VALUE',
      /yTrue\[2\] is "c", which is not one of classes/,
    );
  });

  it('scores a class absent from yTrue as 0 in average precision, lowering the macro mean', () => {
    const truth = ['a', 'b', 'a', 'b'];
    const rows = [
      [0.9, 0.05, 0.05],
      [0.1, 0.8, 0.1],
      [0.8, 0.1, 0.1],
      [0.2, 0.7, 0.1],
    ];
    expect(averagePrecisionOvr(truth, rows, ['a', 'b', 'c'])).toBe(2 / 3);
    expect(averagePrecisionOvr(truth, rows, ['a', 'b', 'c'], { average: 'weighted' })).toBe(1);
  });
});
