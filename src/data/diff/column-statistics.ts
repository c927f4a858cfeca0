import type { ColumnProfile } from '../profile/index.js';
import type { StatisticChange } from './dataset-diff.js';

type Value = number | string | null;

/** The statistics worth comparing for a column, by name, as its profile has them. */
export function statisticsOf(column: ColumnProfile, rows: number): Record<string, Value> {
  const common = {
    count: column.count,
    missing: column.missing,
    missing_rate: rows === 0 ? null : column.missing / rows,
  };
  switch (column.type) {
    case 'integer':
    case 'float': {
      const n = column.numeric;
      return {
        ...common,
        min: n?.min ?? null,
        max: n?.max ?? null,
        mean: n?.mean ?? null,
        std: n?.std ?? null,
        p50: n?.quantiles.p50 ?? null,
      };
    }
    case 'string': {
      const c = column.categorical;
      return { ...common, cardinality: c.cardinality, most_frequent: c.top_k[0]?.value ?? null };
    }
    case 'boolean': {
      const { true_count, false_count } = column.boolean;
      const present = true_count + false_count;
      return { ...common, true_rate: present === 0 ? null : true_count / present };
    }
    case 'datetime':
      return { ...common, min: column.datetime?.min ?? null, max: column.datetime?.max ?? null };
  }
}

/** Statistics side by side; a statistic only one type has shows null on the other side. */
export function statisticChanges(
  a: ColumnProfile,
  rowsA: number,
  b: ColumnProfile,
  rowsB: number,
): StatisticChange[] {
  const before = statisticsOf(a, rowsA);
  const after = statisticsOf(b, rowsB);
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return names.map((statistic) => {
    const x = before[statistic] ?? null;
    const y = after[statistic] ?? null;
    return {
      statistic,
      a: x,
      b: y,
      change: typeof x === 'number' && typeof y === 'number' ? y - x : null,
    };
  });
}
