import { describe, expect, it } from 'vitest';
import { expectGyreError } from '../testing/expect-gyre-error.js';
import { confusionMatrix } from './confusion-matrix.js';
import { f1, precision, precisionRecallF1, recall } from './precision-recall-f1.js';

// sklearn's docstring example for precision_recall_fscore_support.
const yTrue = [0, 1, 2, 0, 1, 2];
const yPred = [0, 2, 1, 0, 0, 1];

describe('precision, recall and F1', () => {
  it('gives the values of sklearn’s documented example', () => {
    expect(precisionRecallF1(yTrue, yPred, { average: 'macro' })).toEqual({
      precision: 0.2222222222222222,
      recall: 0.3333333333333333,
      f1: 0.26666666666666666,
    });
    expect(f1(yTrue, yPred, { average: 'micro' })).toBe(0.3333333333333333);
    expect(precision(yTrue, yPred, { average: 'weighted' })).toBe(0.2222222222222222);
  });

  it('scores posLabel only for the binary average, and defaults it to 1', () => {
    const truth = [1, 1, 0, 0, 0];
    const guess = [1, 0, 1, 0, 0];
    expect(precision(truth, guess)).toBe(0.5);
    expect(recall(truth, guess, { posLabel: 0 })).toBe(2 / 3);
  });

  it('defaults posLabel to true for boolean labels', () => {
    expect(recall([true, true, false], [true, false, false])).toBe(0.5);
    expect(recall([true, true, false], [true, false, false], { posLabel: false })).toBe(1);
  });

  it('uses zeroDivision where a class is never predicted or never occurs', () => {
    const truth = [0, 0, 0];
    const guess = [0, 0, 0];
    expect(precisionRecallF1(truth, guess)).toEqual({ precision: 0, recall: 0, f1: 0 });
    expect(precisionRecallF1(truth, guess, { zeroDivision: 1 })).toEqual({
      precision: 1,
      recall: 1,
      f1: 1,
    });
    // Class 2 is never predicted: its precision is the zeroDivision value in the macro mean.
    expect(precision([0, 1, 2], [0, 1, 1], { average: 'macro', zeroDivision: 1 })).toBe(
      (1 + 0.5 + 1) / 3,
    );
  });

  it('explains a binary average over more than two labels and a posLabel that is absent', async () => {
    await expectGyreError(
      () => f1(yTrue, yPred),
      'INVALID_PARAMETER_VALUE',
      /average 'binary' needs at most two labels but yTrue and yPred hold 3: \[0, 1, 2\]; choose average 'macro'/,
    );
    await expectGyreError(
      () => f1(['a', 'b'], ['a', 'a'], { posLabel: 'c' }),
      'INVALID_PARAMETER_VALUE',
      /posLabel "c" is not one of the labels \["a", "b"\]/,
    );
    await expectGyreError(
      () => f1(['a', 'b'], ['a', 'a']),
      'INVALID_PARAMETER_VALUE',
      /posLabel is required with string labels/,
    );
    await expectGyreError(
      () => f1([0, 1], [0, 1], { posLabel: '1' }),
      'INVALID_PARAMETER_VALUE',
      /posLabel is "1"; expected a number label/,
    );
  });

  it('rejects unknown options from untyped callers', async () => {
    const options = { average: 'samples', zeroDivision: 'warn' } as never;
    await expectGyreError(
      () => recall([0, 1], [0, 1], options),
      'INVALID_PARAMETER_VALUE',
      /average must be one of binary, micro, macro, weighted/,
    );
  });
});

describe('confusionMatrix', () => {
  it('orders rows and columns by label and counts truth against prediction', () => {
    expect(confusionMatrix(['b', 'a', 'b', 'c'], ['b', 'b', 'a', 'c'])).toEqual({
      labels: ['a', 'b', 'c'],
      matrix: [
        [0, 1, 0],
        [1, 1, 0],
        [0, 0, 1],
      ],
    });
  });

  it('keeps a chosen label order and leaves out samples with unlisted labels', () => {
    expect(confusionMatrix([0, 1, 2, 2], [0, 2, 2, 1], { labels: [2, 1] })).toEqual({
      labels: [2, 1],
      matrix: [
        [1, 1],
        [1, 0],
      ],
    });
  });

  it('rejects chosen labels that are empty, repeated or all absent from yTrue', async () => {
    const check = (labels: number[], message: RegExp) =>
      expectGyreError(
        () => confusionMatrix([0, 1], [1, 1], { labels }),
        'INVALID_PARAMETER_VALUE',
        message,
      );
    await check([], /labels is empty; list at least one label/);
    await check([1, 1], /labels lists a label twice/);
    await check([5, 6], /none of labels \[5, 6\] occurs in yTrue/);
  });
});
