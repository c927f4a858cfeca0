import type { DatasetSpec } from '../schema/index.js';
import { cellKind, type CellKind, type ColumnTypeInfo, type TableChunk } from '../tabular/index.js';
import { exampleValue } from './failure-tally.js';
import { maxExamples, type FailureExample } from './validation-report.js';

/** The kinds a column can be mostly made of; integers and floats together are numbers. */
export type MajorityKind = 'number' | 'boolean' | 'datetime';

/** A column read as string only because a few values broke the kind most of them share. */
export interface MixedTypeColumn {
  column: string;
  majority: MajorityKind;
  /** Present values in the column. */
  present: number;
  /** Present values that are not of the majority kind. */
  offending_count: number;
  /** The first of them, at most `maxExamples`, with 0-based data rows. */
  examples: FailureExample[];
}

const kindGroups: Record<CellKind, MajorityKind | 'text'> = {
  integer: 'number',
  float: 'number',
  boolean: 'boolean',
  datetime: 'datetime',
  string: 'text',
};

/**
 * The columns whose inferred `string` type hides a mix: most values share a kind other than text
 * (numbers, booleans or datetimes) and a few do not, as "12 of 1461 values are not numbers".
 * A column that is mostly text is left alone: string is its right type, and the odd value that
 * looks like a number ("1776" as a film title, "0E0" as an airport code) is text too. Columns the
 * spec pins a type for are skipped. Reads `chunks` (a second pass) only when there is a mixed
 * column, and only until it has found the first `maxExamples` offending rows of each.
 */
export async function findMixedTypes(
  types: readonly ColumnTypeInfo[],
  chunks: AsyncIterable<TableChunk>,
  spec?: DatasetSpec | null,
): Promise<MixedTypeColumn[]> {
  const pinned = (name: string) =>
    spec != null && Object.hasOwn(spec.columns, name) && spec.columns[name]!.type !== undefined;
  const found = types
    .filter((info) => info.type === 'string' && !pinned(info.name))
    .map(mixOf)
    .filter((mixed) => mixed !== undefined);
  if (found.length === 0) return [];
  for await (const chunk of chunks) {
    for (const mixed of found) collectExamples(mixed, chunk);
    if (found.every(hasAllExamples)) break;
  }
  return found;
}

/** The column's mix, from the counts type inference kept, or undefined when it is not one. */
function mixOf(info: ColumnTypeInfo): MixedTypeColumn | undefined {
  const { counts } = info;
  const groups: [MajorityKind | 'text', number][] = [
    ['number', counts.integer + counts.float],
    ['boolean', counts.boolean],
    ['datetime', counts.datetime],
    ['text', counts.string],
  ];
  // The same choice, ties included, as the note type inference wrote.
  const [majority, count] = groups.reduce((best, group) => (group[1] > best[1] ? group : best));
  const present = info.rows - info.missing;
  if (majority === 'text' || count === present) return undefined;
  return { column: info.name, majority, present, offending_count: present - count, examples: [] };
}

function hasAllExamples(mixed: MixedTypeColumn): boolean {
  return mixed.examples.length >= Math.min(maxExamples, mixed.offending_count);
}

function collectExamples(mixed: MixedTypeColumn, chunk: TableChunk): void {
  const cells = Object.hasOwn(chunk.values, mixed.column) ? chunk.values[mixed.column] : undefined;
  if (!cells) return;
  for (let i = 0; i < cells.length && !hasAllExamples(mixed); i++) {
    const kind = cellKind(cells[i]!);
    if (kind !== null && kindGroups[kind] !== mixed.majority) {
      mixed.examples.push({ row: chunk.rowOffset + i, value: exampleValue(cells[i]!) });
    }
  }
}
