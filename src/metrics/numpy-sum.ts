/**
 * Sums as numpy's `np.sum`/`np.mean` do on a contiguous float64 array, so that results match
 * scikit-learn bit for bit, not just closely. That matters where sklearn branches on an exact
 * value (r2_score tests `denominator != 0`, so a "constant" y_true like [0.1, 0.1, 0.1] whose
 * mean is not exact gives a huge negative score) and where results are huge (MAPE with zeros in
 * y_true divides by 2.2e-16). numpy reduces in buffers of 8192 elements, each by pairwise
 * summation with eight accumulators over blocks of at most 128.
 */
export function numpySum(values: ArrayLike<number>): number {
  let total = 0;
  for (let start = 0; start < values.length; start += bufferSize) {
    total += pairwiseSum(values, start, Math.min(bufferSize, values.length - start));
  }
  return total;
}

/** `np.mean` of a 1-D float64 array: the numpy sum divided by the count. */
export function numpyMean(values: ArrayLike<number>): number {
  return numpySum(values) / values.length;
}

const bufferSize = 8192;
const blockSize = 128;

function pairwiseSum(a: ArrayLike<number>, start: number, n: number): number {
  if (n < 8) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += a[start + i]!;
    return sum;
  }
  if (n <= blockSize) {
    const r = Array.from({ length: 8 }, (_, j) => a[start + j]!);
    let i = 8;
    for (; i < n - (n % 8); i += 8) {
      for (let j = 0; j < 8; j++) r[j]! += a[start + i + j]!;
    }
    let sum = r[0]! + r[1]! + (r[2]! + r[3]!) + (r[4]! + r[5]! + (r[6]! + r[7]!));
    for (; i < n; i++) sum += a[start + i]!;
    return sum;
  }
  let half = Math.floor(n / 2);
  half -= half % 8;
  return pairwiseSum(a, start, half) + pairwiseSum(a, start + half, n - half);
}
