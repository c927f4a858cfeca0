import { describe, expect, it } from 'vitest';
import { expectGyreError } from '../testing/expect-gyre-error.js';
import { accuracy } from './accuracy.js';
import { compareLabels, sortedUniqueLabels } from './labels.js';

describe('label order (numpy / sklearn class order)', () => {
  it('sorts numbers numerically, not as text', () => {
    expect(sortedUniqueLabels([10, 2, -1, 2, 0])).toEqual([-1, 0, 2, 10]);
  });

  it('puts false before true', () => {
    expect(sortedUniqueLabels([true, false, true])).toEqual([false, true]);
  });

  it('sorts strings by code point: upper case first, emoji after the fullwidth forms', () => {
    // UTF-16 code units would put the emoji (a surrogate pair, 0xD83D…) before '～' (U+FF5E).
    expect(sortedUniqueLabels(['b', '～', '😀', 'B', 'a', 'é'])).toEqual([
      'B',
      'a',
      'b',
      'é',
      '～',
      '😀',
    ]);
    expect(compareLabels('😀', '～')).toBeGreaterThan(0);
    expect(compareLabels('ab', 'a')).toBeGreaterThan(0);
  });
});

describe('label validation', () => {
  it('rejects fractional numbers, which are probabilities or scores rather than labels', async () => {
    await expectGyreError(
      () => accuracy([0, 1, 1], [0.2, 0.9, 0.6]),
      'INVALID_PARAMETER_VALUE',
      /yPred\[0\] is 0\.2; number labels must be whole numbers \(were probabilities/,
    );
  });

  it('rejects a mix of kinds within one array and between yTrue and yPred', async () => {
    await expectGyreError(
      () => accuracy([1, '1'], [1, 1]),
      'INVALID_PARAMETER_VALUE',
      /yTrue mixes number and string labels \(at index 1\)/,
    );
    await expectGyreError(
      () => accuracy([true, false], [1, 0]),
      'INVALID_PARAMETER_VALUE',
      /yTrue holds boolean labels but yPred holds number labels/,
    );
  });

  it('rejects values that are not labels, naming the index', async () => {
    const bad = [0, null] as unknown as number[];
    await expectGyreError(
      () => accuracy([0, 1], bad),
      'INVALID_PARAMETER_VALUE',
      /yPred\[1\] is null; labels must be strings, whole numbers or booleans/,
    );
    await expectGyreError(
      () => accuracy([0, NaN], [0, 1]),
      'INVALID_PARAMETER_VALUE',
      /yTrue\[1\] is NaN/,
    );
  });

  it('rejects empty and unequal inputs, and non-arrays from untyped callers', async () => {
    await expectGyreError(() => accuracy([], []), 'INVALID_PARAMETER_VALUE', /yTrue is empty/);
    await expectGyreError(
      () => accuracy([1, 0], [1]),
      'INVALID_PARAMETER_VALUE',
      /yTrue has 2 samples but yPred has 1/,
    );
    const notArray = 'abc' as unknown as string[];
    await expectGyreError(
      () => accuracy(notArray, ['a']),
      'INVALID_PARAMETER_VALUE',
      /yTrue must be an array/,
    );
  });

  it('accepts booleans and whole numbers written as floats', () => {
    expect(accuracy([true, false, true, true], [true, true, true, false])).toBe(0.5);
    expect(accuracy([1.0, 2.0], [1, 3])).toBe(0.5);
  });
});
