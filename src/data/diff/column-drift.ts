import { jensenShannonDistance, wassersteinDistance } from '../../monitor/drift/index.js';
import type { ColumnProfile } from '../profile/index.js';
import { DRIFT_THRESHOLD, type ColumnDrift } from './dataset-diff.js';

/** The quick drift score of one column from two profiles (see ColumnDrift). */
export function columnDrift(a: ColumnProfile, b: ColumnProfile): ColumnDrift | null {
  if (a.type === 'string' && b.type === 'string') {
    const { categorical: ca } = a;
    const { categorical: cb } = b;
    const values = [...new Set([...ca.categories, ...cb.categories].map((c) => c.value))];
    const countsOf = (categories: { value: string; count: number }[], other: number) => {
      const byValue = new Map(categories.map((c) => [c.value, c.count]));
      return [...values.map((v) => byValue.get(v) ?? 0), other];
    };
    return jensenShannon(
      countsOf(ca.categories, ca.categories_other),
      countsOf(cb.categories, cb.categories_other),
    );
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
  // A constant reference has no scale to norm by: any movement at all is drift.
  const score = std > 0 ? distance / std : distance > 0 ? Infinity : 0;
  return verdict('wasserstein_norm', score);
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
