/** Reading tabular files (CSV, TSV, JSON, JSON Lines, Parquet, Arrow IPC) as columnar chunks. */
export type { Cell, Table, TableChunk, TabularFormat, TabularReadOptions } from './types.js';
export { tabularFormats } from './types.js';
export { DEFAULT_CHUNK_ROWS, openTabular, readTableChunks, type TabularSource } from './open.js';
export { readTable, TableAccumulator } from './table.js';
export { detectFormat, sniffFormat } from './format.js';
export { csvNaValues } from './na-values.js';
export type { SourceLocation, SourceProblem, TabularErrorReason } from './source-error.js';
export {
  ColumnTypeInferrer,
  inferColumnTypes,
  logicalTypeOf,
  type ColumnType,
  type ColumnTypeInfo,
  type LogicalType,
} from './column-types.js';
export { cellKind, parseBoolean, parseDatetime, parseNumber, type CellKind } from './cell-kind.js';
export { toDateArray, toFloat64Array, toStringArray, type ConvertOptions } from './convert.js';
