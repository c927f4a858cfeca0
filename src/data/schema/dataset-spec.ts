import type { ColumnType } from '../tabular/index.js';

/**
 * What a dataset spec file holds, after `parseDatasetSpec` has checked it. The shape is the file
 * format itself (JSON or YAML), so a spec is stored with its dataset version as plain JSON and
 * parsed again when read back. Columns the spec does not list keep their inferred type.
 */
export interface DatasetSpec {
  columns: Record<string, ColumnSpec>;
  /** What a column outside the schema does to a validation (default `allow`: reported only). */
  extra_columns?: ExtraColumnsPolicy;
}

export type ExtraColumnsPolicy = 'allow' | 'fail';

/** One column of a spec: its pinned type and nullability, and the expectations on its values. */
export interface ColumnSpec extends ColumnRules {
  /** Pins the type; unset, the type is inferred from the file. */
  type?: ColumnType;
  /** `false` refuses missing values; unset, the inferred nullability is kept. */
  nullable?: boolean;
}

/** The expectations a column's values are held to besides their type and nullability. */
export interface ColumnRules {
  /** Inclusive lower bound: a number for integer/float columns, ISO 8601 text for datetime ones. */
  min?: number | string;
  /** Inclusive upper bound, like `min`. */
  max?: number | string;
  /** The only values the column may hold, of the column's type (ISO 8601 text for datetimes). */
  allowed?: (string | number | boolean)[];
  /** A JavaScript regular expression (Unicode mode) each value must contain a match of. */
  regex?: string;
  /** No two present values are equal. */
  unique?: boolean;
  /** `false` lets the column be absent from a file (default true). */
  required?: boolean;
}

/** Every key a column of a spec may have, in the order reports list their failures. */
export const columnSpecKeys = [
  'required',
  'type',
  'nullable',
  'min',
  'max',
  'allowed',
  'regex',
  'unique',
] as const;

export type ColumnSpecKey = (typeof columnSpecKeys)[number];

export const datasetSpecKeys = ['columns', 'extra_columns'] as const;
