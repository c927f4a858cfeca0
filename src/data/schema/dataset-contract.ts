import type { DatasetSchema } from './dataset-schema.js';
import type { ColumnRules, ExtraColumnsPolicy } from './dataset-spec.js';

/**
 * What `validateDataset` checks a file against: the final schema (every column's type and
 * nullability, pinned or inferred) and the spec's expectations. Plain JSON, like its parts, so it
 * can be stored with a dataset version and served as is. `resolveDatasetSpec` makes one from a
 * spec and a file's inferred types; `{ schema }` alone checks types and nulls only.
 */
export interface DatasetContract {
  schema: DatasetSchema;
  /** Column name → its expectations; columns without any are left out. */
  expectations?: Record<string, ColumnRules>;
  /** Default `allow`: columns outside the schema are listed in the report but do not fail it. */
  extra_columns?: ExtraColumnsPolicy;
}
