import { invalidParameter } from '../../core/errors/index.js';

/** Counts of values by a profile's fixed bin edges, with what fell outside them. */
export interface BinnedCounts {
  /** counts[i] holds values in [edges[i], edges[i + 1]); the last bin also holds edges[last]. */
  counts: number[];
  /** Values below the first edge. */
  below: number;
  /** Values above the last edge. */
  above: number;
  /** NaN values, which belong to no bin. */
  missing: number;
}

/**
 * Bin edges at the quantiles 0, 1/bins, …, 1 of a column, equal values merged: each bin holds
 * about the same share of the reference data however skewed it is, which is what drift measures
 * (PSI, Jensen–Shannon, chi-square) need. A column of one value gets the edges [v, v]: one bin.
 */
export function quantileEdges(quantile: (q: number) => number, bins: number): number[] {
  const edges: number[] = [];
  for (let i = 0; i <= bins; i++) {
    const edge = quantile(i / bins);
    if (edges.length === 0 || edge > edges[edges.length - 1]!) edges.push(edge);
  }
  return edges.length === 1 ? [edges[0]!, edges[0]!] : edges;
}

/**
 * Counts numbers by fixed bin edges, as `numpy.histogram(values, edges)` does (bins closed on the
 * left, the last one closed on both sides), keeping count of values outside the edges instead of
 * dropping them: drift checks bin current data with the reference profile's edges, and data moving
 * out of the reference range is drift. Pass `into` to add to counts from earlier chunks.
 */
export function binByEdges(
  edges: readonly number[],
  values: ArrayLike<number>,
  into?: BinnedCounts,
): BinnedCounts {
  checkEdges(edges);
  const result = into ?? emptyCounts(edges);
  if (result.counts.length !== edges.length - 1) {
    throw invalidParameter(
      `the counts to add to have ${result.counts.length} bins, the edges make ${edges.length - 1}`,
      { reason: 'bins_mismatch' },
    );
  }
  for (let i = 0; i < values.length; i++) addToBins(edges, result, values[i]!, 1);
  return result;
}

export function emptyCounts(edges: readonly number[]): BinnedCounts {
  return { counts: new Array<number>(edges.length - 1).fill(0), below: 0, above: 0, missing: 0 };
}

/** Adds `weight` occurrences of `value` (a weight lets a table of value counts be binned). */
export function addToBins(
  edges: readonly number[],
  result: BinnedCounts,
  value: number,
  weight: number,
): void {
  if (Number.isNaN(value)) {
    result.missing += weight;
    return;
  }
  const last = edges.length - 1;
  if (value < edges[0]!) result.below += weight;
  else if (value > edges[last]!) result.above += weight;
  else if (value === edges[last]) result.counts[last - 1]! += weight;
  else {
    // The last edge ≤ value: edges[lo] ≤ value < edges[lo + 1].
    let lo = 0;
    let hi = last;
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (edges[mid]! <= value) lo = mid;
      else hi = mid;
    }
    result.counts[lo]! += weight;
  }
}

function checkEdges(edges: readonly number[]): void {
  const ordered = edges.every(
    (edge, i) => Number.isFinite(edge) && (i === 0 || edge >= edges[i - 1]!),
  );
  if (edges.length < 2 || !ordered) {
    throw invalidParameter(
      'histogram edges must be at least two finite numbers in increasing order',
      { reason: 'invalid_edges', field: 'edges' },
    );
  }
}
