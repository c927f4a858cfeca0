import { jensenShannonDistance, wassersteinDistance } from '../../monitor/drift/index.js';
import type { ColumnProfile } from '../profile/index.js';
import { DRIFT_THRESHOLD, type ColumnDrift } from './dataset-diff.js';

/** The quick drift score of one column from two profiles (see ColumnDrift). */
export function columnDrift(a: ColumnProfile, b: ColumnProfile): ColumnDrift | null {
  if (a.type === 'string' && b.type === 'string') {
    // Only values both profiles kept can be compared one by one; everything else is pooled as
    // "other" on each side, so a value one side kept and the other counted in its "other" does
    // not read as a category that vanished.
    const kept = new Map(b.categorical.categories.map((c) => [c.value, c.count]));
    const shared = a.categorical.categories.filter((c) => kept.has(c.value));
    const p = shared.map((c) => c.count);
    const q = shared.map((c) => kept.get(c.value)!);
    const sum = (counts: number[]) => counts.reduce((s, c) => s + c, 0);
    p.push(a.count - sum(p));
    q.push(b.count - sum(q));
    return jensenShannon(p, q);
  }
  if (a.type === 'boolean' && b.type === 'boolean') {
    return jensenShannon(
      [a.boolean.true_count, a.boolean.false_count],
      [b.boolean.true_count, b.boolean.false_count],
    );
  }
  const u = numbersOf(a);
  const v = numbersOf(b);
  if (!u || !v || u.length === 0 || v.length === 0) return null;
  const distance = wassersteinDistance(u, v);
  const std = standardDeviation(u);
  if (std > 0) return verdict('wasserstein_norm', distance / std);
  // A constant reference has no scale to norm by: any movement at all is drift, with no score.
  return {
    method: 'wasserstein_norm',
    score: distance > 0 ? null : 0,
    threshold: DRIFT_THRESHOLD,
    drifted: distance > 0,
  };
}

function jensenShannon(p: number[], q: number[]): ColumnDrift | null {
  const total = (counts: number[]) => counts.reduce((s, c) => s + c, 0);
  if (total(p) === 0 || total(q) === 0) return null;
  return verdict('jensenshannon', jensenShannonDistance(p, q));
}

function verdict(method: ColumnDrift['method'], score: number): ColumnDrift {
  return { method, score, threshold: DRIFT_THRESHOLD, drifted: score >= DRIFT_THRESHOLD };
}

/** The finite numbers of a numeric or datetime column's sample (datetimes as epoch ms). */
function numbersOf(column: ColumnProfile): number[] | undefined {
  if (column.type === 'integer' || column.type === 'float')
    return column.sample.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (column.type === 'datetime')
    return column.sample.map((v) => Date.parse(String(v))).filter((v) => Number.isFinite(v));
  return undefined;
}

function standardDeviation(values: number[]): number {
  if (values.length < 2) return 0;
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const squares = values.reduce((s, v) => s + (v - mean) ** 2, 0);
  return Math.sqrt(squares / (values.length - 1));
}
