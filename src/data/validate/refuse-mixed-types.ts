import { GyreError } from '../../core/errors/index.js';
import type { DatasetSpec } from '../schema/index.js';
import type { ColumnTypeInfo, TableChunk } from '../tabular/index.js';
import { findMixedTypes, type MajorityKind, type MixedTypeColumn } from './find-mixed-types.js';

export interface RefuseMixedTypesOptions {
  /** Columns the spec pins a type for are accepted as they are. */
  spec?: DatasetSpec | null;
  /** The file, to start the message with as read errors do. */
  path?: string;
}

/**
 * Throws the `mixedTypesError` of the file's mixed columns (see `findMixedTypes`), if any: a
 * numeric column read as text because of a few stray words would reach every consumer as
 * categories, hiding the bad rows from everyone downstream.
 */
export async function refuseMixedTypes(
  types: readonly ColumnTypeInfo[],
  chunks: AsyncIterable<TableChunk>,
  options: RefuseMixedTypesOptions = {},
): Promise<void> {
  const found = await findMixedTypes(types, chunks, options.spec);
  if (found.length > 0) throw mixedTypesError(found, options.path);
}

const kindWords: Record<MajorityKind, string> = {
  number: 'numbers',
  boolean: 'booleans',
  datetime: 'datetimes',
};

/**
 * INVALID_PARAMETER_VALUE, `details.reason` "mixed_types", naming the first mixed column, its
 * first offending rows (0-based data rows) and the two ways out: fix the rows, or pin the type to
 * string. `details`: `{ reason, path?, column, row, rows, values, majority, offending_count,
 * columns }`, where `columns` names every mixed column.
 */
export function mixedTypesError(found: readonly MixedTypeColumn[], path?: string): GyreError {
  const [first] = found;
  if (!first) throw new GyreError('INTERNAL_ERROR', 'mixedTypesError needs at least one column');
  const kinds = kindWords[first.majority];
  const rows = first.examples.map(({ row, value }) => `row ${row} ${JSON.stringify(value)}`);
  const more = first.offending_count > rows.length ? ', …' : '';
  const pin = JSON.stringify({ columns: { [first.column]: { type: 'string' } } });
  const others = found.slice(1).map((mixed) => JSON.stringify(mixed.column));
  const alsoMixed =
    others.length === 0
      ? ''
      : ` ${others.length === 1 ? 'Column' : 'Columns'} ${others.join(', ')} ${others.length === 1 ? 'mixes' : 'mix'} kinds too.`;
  const message =
    `${path === undefined ? '' : `${path}: `}column ${JSON.stringify(first.column)} holds ${kinds}, ` +
    `but ${first.offending_count} of ${first.present} values are not ${kinds}: ${rows.join(', ')}${more}. ` +
    `Fix those rows, or pin the column's type to string in the dataset spec to keep it as text: ${pin}.${alsoMixed}`;
  return new GyreError('INVALID_PARAMETER_VALUE', message, {
    details: {
      reason: 'mixed_types',
      ...(path === undefined ? {} : { path }),
      column: first.column,
      row: first.examples[0]?.row,
      rows: first.examples.map((example) => example.row),
      values: first.examples.map((example) => example.value),
      majority: first.majority,
      offending_count: first.offending_count,
      columns: found.map((mixed) => mixed.column),
    },
  });
}
