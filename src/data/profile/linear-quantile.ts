/**
 * numpy's default quantile (method "linear", Hyndman and Fan's type 7), reproduced operation for
 * operation so exact profiles agree with `numpy.quantile` to the last bit: the virtual index
 * (n − 1)·q, the order statistics either side of it, and numpy's two-sided lerp, which computes
 * from the nearer neighbour so the result is monotonic in q.
 *
 * `orderStatistic(i)` is the i-th smallest value (0-based) of the `count` values.
 */
export function linearQuantile(
  orderStatistic: (index: number) => number,
  count: number,
  q: number,
): number {
  const virtual = (count - 1) * q;
  if (virtual >= count - 1) return orderStatistic(count - 1);
  if (virtual < 0) return orderStatistic(0);
  const previous = Math.floor(virtual);
  return lerp(orderStatistic(previous), orderStatistic(previous + 1), virtual - previous);
}

function lerp(a: number, b: number, t: number): number {
  const difference = b - a;
  return t >= 0.5 ? b - difference * (1 - t) : a + difference * t;
}

/** The i-th smallest value of a multiset given as sorted distinct values and their counts. */
export function countedOrderStatistic(
  sortedValues: Float64Array,
  cumulativeCounts: Float64Array,
): (index: number) => number {
  return (index) => {
    let lo = 0;
    let hi = cumulativeCounts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulativeCounts[mid]! > index) hi = mid;
      else lo = mid + 1;
    }
    return sortedValues[lo]!;
  };
}
