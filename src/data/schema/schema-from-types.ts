import type { ColumnTypeInfo } from '../tabular/index.js';
import type { DatasetSchema } from './dataset-schema.js';

/** The schema a file's inferred column types describe, in the file's column order. */
export function schemaFromTypes(types: readonly ColumnTypeInfo[]): DatasetSchema {
  return { columns: types.map(({ name, type, nullable }) => ({ name, type, nullable })) };
}
