import { invalidParameter } from '../../core/errors/index.js';
import {
  inferColumnTypes,
  toFloat64Array,
  toStringArray,
  type Cell,
  type ColumnTypeInfo,
  type Table,
} from '../../data/tabular/index.js';
import type { FeatureSpec } from '../../onnx/index.js';
import type { ModelKind } from '../params.js';
import type { ColumnData, Columns } from '../preprocess/column-data.js';
import { selectRows } from '../preprocess/column-data.js';
import type { TrainingData } from './fit-model.js';
import { buildTarget } from './build-target.js';
import { finite } from './finite.js';
import type { Task } from './training-target.js';

export interface PrepareOptions {
  target: string;
  /** Feature columns; by default every column but the target, minus identifier-like text. */
  features?: string[];
  model: ModelKind;
  /** Overrides the task the target's type implies (e.g. integer class codes for an MLP). */
  task?: Task;
}

export interface PreparedData extends TrainingData {
  /** Rows left out because their target is missing. */
  droppedRows: number;
  /** Columns left out of the default feature set, and why. */
  excludedColumns: { name: string; reason: string }[];
}

/** Text columns with more distinct values than this share of rows are identifiers, not categories. */
const IDENTIFIER_SHARE = 0.5;
const IDENTIFIER_MIN_DISTINCT = 20;

/**
 * Turns a table into training data: infers each column's type, converts the features
 * (numbers, booleans as 0/1, datetimes as epoch ms, text as categories), builds the target and
 * drops the rows whose target is missing.
 */
export function prepareTrainingData(table: Table, options: PrepareOptions): PreparedData {
  if (table.rowCount === 0) throw invalidParameter('the data has no rows; a model needs examples');
  if (!table.columns.includes(options.target)) {
    throw invalidParameter(
      `the data has no target column '${options.target}'; its columns are ${quoteList(table.columns)}`,
      { field: 'target' },
    );
  }
  const types = new Map(inferColumnTypes(table).map((info) => [info.name, info]));
  const targetCells = table.values[options.target]!;
  const kept = keptRows(targetCells);
  if (kept.length === 0)
    throw invalidParameter(`every value of the target '${options.target}' is missing`, {
      field: 'target',
    });
  const target = buildTarget(
    options.target,
    kept.map((row) => targetCells[row]!),
    types.get(options.target)!,
    options.model,
    options.task,
  );
  const { features, excludedColumns } = chooseFeatures(table, types, options);
  // No prototype: a column may be called "__proto__" or "constructor".
  const columns: Columns = Object.create(null) as Columns;
  const featureTypes = Object.create(null) as Record<string, FeatureSpec['type']>;
  for (const name of features) {
    const info = types.get(name)!;
    columns[name] = convertColumn(name, table.values[name]!, info);
    featureTypes[name] = featureType(info);
  }
  const droppedRows = table.rowCount - kept.length;
  return {
    columns: droppedRows > 0 ? selectRows(columns, kept) : columns,
    features,
    featureTypes,
    target,
    rows: kept.length,
    droppedRows,
    excludedColumns,
  };
}

function keptRows(cells: readonly Cell[]): number[] {
  const kept: number[] = [];
  cells.forEach((cell, row) => {
    if (!isMissing(cell)) kept.push(row);
  });
  return kept;
}

/** Null, a float NaN, or an empty text field (CSV's way of leaving a value out). */
function isMissing(cell: Cell): boolean {
  return cell === null || cell === '' || (typeof cell === 'number' && Number.isNaN(cell));
}

function chooseFeatures(
  table: Table,
  types: Map<string, ColumnTypeInfo>,
  options: PrepareOptions,
): { features: string[]; excludedColumns: PreparedData['excludedColumns'] } {
  if (options.features) {
    if (options.features.length === 0)
      throw invalidParameter('features must name at least one column');
    for (const name of options.features) {
      if (name === options.target)
        throw invalidParameter(`'${name}' is the target; it cannot also be a feature`, {
          field: 'features',
        });
      if (!types.has(name))
        throw invalidParameter(
          `the data has no feature column '${name}'; its columns are ${quoteList(table.columns)}`,
          { field: 'features' },
        );
    }
    const repeated = options.features.find((name, i) => options.features!.indexOf(name) !== i);
    if (repeated !== undefined)
      throw invalidParameter(`feature '${repeated}' is named twice`, { field: 'features' });
    return { features: [...options.features], excludedColumns: [] };
  }
  const features: string[] = [];
  const excludedColumns: PreparedData['excludedColumns'] = [];
  for (const name of table.columns) {
    if (name === options.target) continue;
    const info = types.get(name)!;
    const present = info.rows - info.missing;
    if (present === 0) {
      excludedColumns.push({ name, reason: 'every value is missing' });
      continue;
    }
    if (info.type === 'string') {
      const distinct = new Set(table.values[name]!.filter((cell) => !isMissing(cell))).size;
      if (distinct >= IDENTIFIER_MIN_DISTINCT && distinct > IDENTIFIER_SHARE * present) {
        excludedColumns.push({
          name,
          reason: `text with ${distinct} distinct values in ${present} rows looks like an identifier`,
        });
        continue;
      }
    }
    features.push(name);
  }
  if (features.length === 0)
    throw invalidParameter('no column is left to learn from; name the features explicitly', {
      field: 'features',
    });
  return { features, excludedColumns };
}

function convertColumn(name: string, cells: readonly Cell[], info: ColumnTypeInfo): ColumnData {
  switch (info.type) {
    case 'integer':
    case 'float':
    case 'boolean':
      return {
        type: 'numeric',
        values: finite(name, toFloat64Array(blankAsMissing(cells), { column: name })),
      };
    case 'datetime':
      return { type: 'datetime', values: toFloat64Array(blankAsMissing(cells), { column: name }) };
    case 'string':
      return { type: 'categorical', values: toStringArray(blankAsMissing(cells)) };
  }
}

/** An empty CSV field is a missing value, whatever the column holds. */
function blankAsMissing(cells: readonly Cell[]): Cell[] {
  return cells.map((cell) => (cell === '' ? null : cell));
}

function featureType(info: ColumnTypeInfo): FeatureSpec['type'] {
  if (info.type === 'integer' || info.type === 'float') return 'numeric';
  if (info.type === 'string') return 'categorical';
  return info.type;
}

function quoteList(names: readonly string[]): string {
  const shown = names.slice(0, 20).map((name) => `'${name}'`);
  return shown.join(', ') + (names.length > 20 ? `, … (${names.length} in all)` : '');
}
