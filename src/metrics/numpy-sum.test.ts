import { describe, expect, it } from 'vitest';
import { numpyMean, numpySum } from './numpy-sum.js';

describe('numpySum reproduces np.sum bit for bit', () => {
  it('adds eight running partial sums, as numpy does, not left to right', () => {
    const tenths = Array<number>(10).fill(0.1);
    expect(tenths.reduce((a, b) => a + b, 0)).toBe(0.9999999999999999);
    expect(numpySum(tenths)).toBe(1); // np.sum([0.1] * 10) == 1.0
  });

  it('pairs the partial sums in numpy order, where cancellation shows the order', () => {
    const values = Array.from({ length: 16 }, (_, i) => [1e16, 1, -1e16, 1][i % 4]!);
    expect(values.reduce((a, b) => a + b, 0)).toBe(1);
    expect(numpySum(values)).toBe(0); // np.sum([1e16, 1.0, -1e16, 1.0] * 4) == 0.0
  });

  it('sums short arrays left to right and means divide by the count', () => {
    expect(numpySum([0.1, 0.2, 0.3])).toBe(0.1 + 0.2 + 0.3);
    expect(numpyMean([1, 2, 4])).toBe(7 / 3);
    expect(numpySum([])).toBe(0);
  });
});
