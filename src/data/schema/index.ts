/**
 * Dataset schemas (column types and nullability, inferred or pinned) and dataset specs: the file
 * a user writes to pin types and state expectations, resolved against a file into a contract.
 */
export type { DatasetSchema, SchemaColumn } from './dataset-schema.js';
export { schemaFromTypes } from './schema-from-types.js';
export {
  columnSpecKeys,
  type ColumnRules,
  type ColumnSpec,
  type ColumnSpecKey,
  type DatasetSpec,
  type ExtraColumnsPolicy,
} from './dataset-spec.js';
export type { DatasetContract } from './dataset-contract.js';
export { parseDatasetSpec } from './parse-dataset-spec.js';
export { parseColumnSpec } from './parse-column-spec.js';
export { resolveDatasetSpec } from './resolve-dataset-spec.js';
export { checkRulesForType, type TypeOrigin } from './rules-for-type.js';
export { specError, type SpecLocation, type SpecProblem } from './spec-error.js';
export { instantOf } from './spec-values.js';
