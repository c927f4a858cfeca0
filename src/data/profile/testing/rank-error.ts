/**
 * How far `value` is, as a fraction of n, from being the order statistic numpy's quantile q
 * interpolates at: 0 when some position of `value` in the sorted data is q·(n − 1), else the
 * distance to the nearest one. This is the rank error a quantile sketch promises to bound.
 */
export function rankError(sorted: Float64Array, value: number, q: number): number {
  const n = sorted.length;
  const below = lowerBound(sorted, value, false);
  const atOrBelow = lowerBound(sorted, value, true);
  const target = q * (n - 1);
  // `value` occupies positions below … atOrBelow − 1 (none when it is not in the data).
  const first = below;
  const last = Math.max(below, atOrBelow - 1);
  const distance = target < first ? first - target : target > last ? target - last : 0;
  return distance / n;
}

/** The number of values < x (or ≤ x with `inclusive`). */
function lowerBound(sorted: Float64Array, x: number, inclusive: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < x || (inclusive && sorted[mid] === x)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
