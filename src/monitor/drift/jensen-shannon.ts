/**
 * The Jensen–Shannon distance between two discrete distributions given as counts (or weights)
 * over the same categories, as `scipy.spatial.distance.jensenshannon(p, q, base=2)`: each side
 * is normalised to sum 1, and the result (the square root of the divergence) lies in [0, 1].
 */
export function jensenShannonDistance(p: ArrayLike<number>, q: ArrayLike<number>): number {
  if (p.length !== q.length)
    throw new RangeError(
      `jensenShannonDistance needs equal lengths, got ${p.length} and ${q.length}`,
    );
  const sumP = sum(p);
  const sumQ = sum(q);
  if (!(sumP > 0) || !(sumQ > 0))
    throw new RangeError('jensenShannonDistance needs a positive total on each side');
  let divergence = 0;
  for (let k = 0; k < p.length; k += 1) {
    const pk = p[k]! / sumP;
    const qk = q[k]! / sumQ;
    const mk = (pk + qk) / 2;
    if (pk > 0) divergence += pk * Math.log(pk / mk);
    if (qk > 0) divergence += qk * Math.log(qk / mk);
  }
  // Rounding can leave a tiny negative divergence for identical inputs.
  return Math.sqrt(Math.max(0, divergence / 2) / Math.LN2);
}

function sum(values: ArrayLike<number>): number {
  let total = 0;
  for (let k = 0; k < values.length; k += 1) {
    const value = values[k]!;
    if (!(value >= 0) || !Number.isFinite(value))
      throw new RangeError(`counts must be finite and non-negative, got ${value}`);
    total += value;
  }
  return total;
}
