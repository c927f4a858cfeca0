import type { ColumnType } from '../tabular/index.js';

/**
 * The columns of a dataset version as stored with it: inferred when a version is added, or
 * pinned by the user so a later file that disagrees is refused rather than silently re-typed.
 * `string` columns are categorical.
 */
export interface DatasetSchema {
  columns: SchemaColumn[];
}

export interface SchemaColumn {
  name: string;
  type: ColumnType;
  /** Missing values are allowed. */
  nullable: boolean;
}
