import type { ColumnType } from '../tabular/index.js';

/** What changed from version `a` to version `b` of a dataset (or between two datasets). */
export interface DatasetDiff {
  a: string;
  b: string;
  row_count: { a: number; b: number; change: number };
  /** Columns added, removed, re-typed, or whose nullability changed. */
  schema_changes: SchemaChange[];
  /** Every column both sides have, in `b`'s order. */
  columns: ColumnDiff[];
  /** Columns whose drift score reached its threshold. */
  drifted_columns: string[];
}

export interface SchemaChange {
  column: string;
  change: 'added' | 'removed' | 'type_changed' | 'nullability_changed';
  a: { type: ColumnType; nullable: boolean } | null;
  b: { type: ColumnType; nullable: boolean } | null;
}

export interface ColumnDiff {
  column: string;
  type: { a: ColumnType; b: ColumnType };
  /** Statistics on both sides; `change` is b − a where both are numbers, else null. */
  statistics: StatisticChange[];
  /** A quick drift score from the two profiles; null when one side has no values to compare. */
  drift: ColumnDrift | null;
}

export interface StatisticChange {
  statistic: string;
  a: number | string | null;
  b: number | string | null;
  change: number | null;
}

/**
 * Evidently's defaults for large data, computed from what the profiles keep: numbers and
 * datetimes by the Wasserstein distance between the two reservoir samples divided by the
 * reference's standard deviation, categories and booleans by the Jensen–Shannon distance
 * (base 2) of their counts. Either drifts at 0.1.
 */
export interface ColumnDrift {
  method: 'wasserstein_norm' | 'jensenshannon';
  /** null when the reference is constant and the current data moved: drift without a scale. */
  score: number | null;
  threshold: number;
  drifted: boolean;
}

export const DRIFT_THRESHOLD = 0.1;
