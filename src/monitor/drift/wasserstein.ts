/**
 * The first Wasserstein distance between two 1-D empirical distributions, as
 * `scipy.stats.wasserstein_distance(u, v)`: the area between their CDFs,
 * ∫ |U(x) − V(x)| dx. Non-finite values are the caller's to drop; empty inputs are refused.
 */
export function wassersteinDistance(u: ArrayLike<number>, v: ArrayLike<number>): number {
  if (u.length === 0 || v.length === 0)
    throw new RangeError('wassersteinDistance needs at least one value on each side');
  const a = Float64Array.from(u).sort();
  const b = Float64Array.from(v).sort();
  let i = 0;
  let j = 0;
  let x = Math.min(a[0]!, b[0]!);
  let total = 0;
  // Walk the merged values; between consecutive ones both CDFs are constant.
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && a[i]! <= b[j]!) ? a[i]! : b[j]!;
    total += Math.abs(i / a.length - j / b.length) * (next - x);
    x = next;
    while (i < a.length && a[i] === x) i += 1;
    while (j < b.length && b[j] === x) j += 1;
  }
  return total;
}
