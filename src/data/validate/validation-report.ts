/**
 * The outcome of `validateDataset`, JSON-serialisable and snake_case because it is served over
 * REST and printed by `--json` as is.
 */
export interface ValidationReport {
  /** No failures. Extra columns fail only when the contract says `extra_columns: "fail"`. */
  valid: boolean;
  /** Data rows read (header excluded). */
  rows: number;
  /** Schema columns found in the file and checked. */
  columns_checked: number;
  /** Columns of the file outside the schema, in file order; listed even when allowed. */
  extra_columns: string[];
  /** In schema column order, then rule order (`validationRules`); extra columns last. */
  failures: ValidationFailure[];
}

/**
 * Each rule a failure can name: the spec key that was broken, `required` for a missing column,
 * `type` for a value that is not of the column's type, `nullable` for a missing value in a column
 * that may not have one, `extra_columns` for a column outside the schema.
 */
export const validationRules = [
  'required',
  'type',
  'nullable',
  'min',
  'max',
  'allowed',
  'regex',
  'unique',
  'extra_columns',
] as const;

export type ValidationRule = (typeof validationRules)[number];

export interface ValidationFailure {
  column: string;
  rule: ValidationRule;
  /** What the rule wants, for people: `integer`, `not null`, `>= 0`, `one of "SFO", "LAX"`. */
  expected: string;
  /** Rows that break the rule; a column-level failure (missing or extra column) counts every row. */
  failing_count: number;
  /** The first rows found breaking it, at most `maxExamples`, by row. */
  examples: FailureExample[];
}

export interface FailureExample {
  /** 0-based data row, header excluded: the convention of `TableChunk.rowOffset` and read errors. */
  row: number;
  /** The cell as read; dates as ISO 8601 text, infinities as "Infinity", missing as null. */
  value: string | number | boolean | null;
}

export const maxExamples = 5;
