import type { ColumnType } from '../tabular/index.js';

/**
 * The stored profile of a dataset version, and the reference sketch drift checks compare current
 * data against (they never re-read the reference data). Plain JSON with snake_case keys, since it
 * is stored and served over REST as is. `docs/dataset-profiles.md` describes every field.
 */
export interface DatasetProfile {
  /** Format version; bumped when a field changes meaning or is removed. */
  version: typeof PROFILE_FORMAT_VERSION;
  row_count: number;
  /** Reads of the data the profile took: 2 when some histogram needed a counting pass. */
  passes: 1 | 2;
  settings: ProfileSettings;
  columns: ColumnProfile[];
}

export const PROFILE_FORMAT_VERSION = 1;

/** The options the profile was computed with, so it can be reproduced and compared like for like. */
export interface ProfileSettings {
  bins: number;
  top_k: number;
  categories: number;
  reservoir_size: number;
  seed: number;
  exact_limit: number;
  distinct_limit: number;
  sketch_k: number;
}

export type ColumnProfile =
  NumericColumnProfile | CategoricalColumnProfile | BooleanColumnProfile | DatetimeColumnProfile;

/** The fields every column has, before its type's summary and its sample. */
export interface ColumnHead {
  name: string;
  type: ColumnType;
  /** Whether `type` came from the pinned schema or was inferred from the values. */
  type_source: 'schema' | 'inferred';
  /** Some value is missing (as observed, whatever the schema allows). */
  nullable: boolean;
  /** Present values profiled. count + missing + invalid = row_count. */
  count: number;
  /** null, absent, or a float NaN. */
  missing: number;
  /** Present values that do not fit the pinned type (always 0 for inferred types). */
  invalid: number;
  /** Why the column looks the way it does, when that is worth a look. */
  note?: string;
}

interface ColumnProfileBase extends ColumnHead {
  /**
   * A seeded uniform sample of the present values, at most `settings.reservoir_size` (all of
   * them, in order, when there are no more): numbers, strings, booleans, or ISO 8601 datetimes.
   */
  sample: (number | string | boolean)[];
}

export interface NumericColumnProfile extends ColumnProfileBase {
  type: 'integer' | 'float';
  /** null when the column has no finite value. */
  numeric: NumericSummary | null;
}

/** Statistics of the finite values; infinities are only counted. */
export interface NumericSummary {
  min: number;
  max: number;
  mean: number;
  /** Sample standard deviation (ddof = 1, as pandas' describe); null for a single value. */
  std: number | null;
  zeros: number;
  /** +∞ and −∞ values; included in `count`, left out of every statistic here. */
  infinite: number;
  quantiles: Record<QuantileName, number>;
  /** numpy's linear interpolation on all values, or else read off a KLL sketch. */
  quantiles_exact: boolean;
  /** Bound on |true rank − asked rank| / count of the quantiles (99% confidence); 0 when exact. */
  quantile_rank_error: number;
  histogram: Histogram;
}

export const QUANTILES = {
  p1: 0.01,
  p5: 0.05,
  p25: 0.25,
  p50: 0.5,
  p75: 0.75,
  p95: 0.95,
  p99: 0.99,
};
export type QuantileName = keyof typeof QUANTILES;

/** Exact counts on fixed edges; drift checks bin current data on the same edges. */
export interface Histogram {
  /** Increasing; counts[i] holds [edges[i], edges[i + 1]), the last bin also edges[last]. */
  edges: number[];
  counts: number[];
}

export interface CategoricalColumnProfile extends ColumnProfileBase {
  type: 'string';
  categorical: CategoricalSummary;
}

export interface CategoricalSummary {
  /** Distinct values: exact up to `settings.distinct_limit`, else a HyperLogLog estimate. */
  cardinality: number;
  cardinality_exact: boolean;
  /** The `settings.top_k` most frequent values, most frequent first (ties by value). */
  top_k: CategoryCount[];
  /** Present values not in `top_k`. */
  top_k_other: number;
  /** Up to `settings.categories` values, same order: the categories drift tests compare. */
  categories: CategoryCount[];
  /** Present values not in `categories`. */
  categories_other: number;
  /** Every count is exact; false once there were more than `distinct_limit` distinct values. */
  counts_exact: boolean;
  /** Each count may be low by at most this much (0 when exact). */
  count_error: number;
}

export interface CategoryCount {
  value: string;
  count: number;
}

export interface BooleanColumnProfile extends ColumnProfileBase {
  type: 'boolean';
  boolean: { true_count: number; false_count: number };
}

export interface DatetimeColumnProfile extends ColumnProfileBase {
  type: 'datetime';
  /** null when the column has no value. */
  datetime: DatetimeSummary | null;
}

export interface DatetimeSummary {
  /** ISO 8601, UTC. */
  min: string;
  max: string;
  /** The finest of hour, day, month and year giving at most 1,000 periods from min to max. */
  period: DatetimePeriod;
  /** Non-empty periods in order, each by its UTC start. */
  buckets: { start: string; count: number }[];
}

export type DatetimePeriod = 'hour' | 'day' | 'month' | 'year';
