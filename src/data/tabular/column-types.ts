import { cellKind, type CellKind } from './cell-kind.js';
import type { Cell, Table, TableChunk } from './types.js';

/** The type a column is read as; `string` columns are categorical. */
export type ColumnType = CellKind;

/** How a model uses a column of each type; a trainer derives numeric parts from datetimes. */
export type LogicalType = 'numeric' | 'boolean' | 'datetime' | 'categorical';

export const logicalTypeOf: Readonly<Record<ColumnType, LogicalType>> = {
  integer: 'numeric',
  float: 'numeric',
  boolean: 'boolean',
  datetime: 'datetime',
  string: 'categorical',
};

export interface ColumnTypeInfo {
  name: string;
  type: ColumnType;
  /** `type` as a model sees it: integer and float are numeric, string is categorical. */
  logicalType: LogicalType;
  /** Some value is missing. */
  nullable: boolean;
  rows: number;
  missing: number;
  /** Present values by the kind each one looks like on its own. */
  counts: Record<CellKind, number>;
  /** Set when the type is a fallback worth a look, e.g. a numeric column with a few words in it. */
  note?: string;
}

interface ColumnState {
  missing: number;
  counts: Record<CellKind, number>;
  /** A few distinct values of each kind, to quote in notes. */
  samples: Record<CellKind, string[]>;
}

const KINDS: readonly CellKind[] = ['integer', 'float', 'boolean', 'datetime', 'string'];
const SAMPLES = 3;

/**
 * Infers column types chunk by chunk, so a profile of a file larger than memory costs one pass.
 * Each present value is classified on its own (see `cellKind`); the column then takes the one
 * kind all its values share, with integers and floats together making `float`. Any other mix
 * makes `string`, with a note counting the values that broke the majority kind. A column with no
 * present values is `float` (all NaN), as pandas reads it.
 */
export class ColumnTypeInferrer {
  private readonly states = new Map<string, ColumnState>();
  private rows = 0;

  add(chunk: TableChunk | Table): this {
    for (const name of chunk.columns) {
      if (!this.states.has(name)) this.states.set(name, newState(this.rows));
    }
    for (const [name, state] of this.states) {
      const cells: readonly Cell[] | undefined = chunk.values[name];
      if (!cells) {
        state.missing += chunk.rowCount;
        continue;
      }
      for (const cell of cells) {
        const kind = cellKind(cell);
        if (kind === null) state.missing++;
        else if (state.counts[kind]++ < SAMPLES) sample(state, kind, cell);
      }
    }
    this.rows += chunk.rowCount;
    return this;
  }

  result(): ColumnTypeInfo[] {
    return [...this.states].map(([name, state]) => resolve(name, state, this.rows));
  }
}

/** Column types of a whole table or of chunks already in memory. */
export function inferColumnTypes(
  input: Table | TableChunk | Iterable<TableChunk>,
): ColumnTypeInfo[] {
  const inferrer = new ColumnTypeInferrer();
  if ('columns' in input) inferrer.add(input);
  else for (const chunk of input) inferrer.add(chunk);
  return inferrer.result();
}

function newState(missing: number): ColumnState {
  const zero = () => ({ integer: 0, float: 0, boolean: 0, datetime: 0, string: 0 });
  return {
    missing,
    counts: zero(),
    samples: { integer: [], float: [], boolean: [], datetime: [], string: [] },
  };
}

function sample(state: ColumnState, kind: CellKind, cell: Cell): void {
  const text = cell instanceof Date ? cell.toISOString() : String(cell);
  if (!state.samples[kind].includes(text)) state.samples[kind].push(text);
}

function resolve(name: string, state: ColumnState, rows: number): ColumnTypeInfo {
  const { counts, missing } = state;
  const present = KINDS.filter((kind) => counts[kind] > 0);
  const info = (type: ColumnType, note?: string): ColumnTypeInfo => ({
    name,
    type,
    logicalType: logicalTypeOf[type],
    nullable: missing > 0,
    rows,
    missing,
    counts: { ...counts },
    ...(note === undefined ? {} : { note }),
  });
  if (present.length === 0) return info('float', 'every value is missing');
  if (present.length === 1) return info(present[0]!);
  if (present.every((kind) => kind === 'integer' || kind === 'float')) return info('float');
  return info('string', mixNote(state, rows - missing));
}

/** "12 of 1461 values are not numbers (e.g. "n/a ", "?"), so the column is read as string". */
function mixNote(state: ColumnState, present: number): string {
  const { counts } = state;
  const numeric = counts.integer + counts.float;
  const groups: [label: string, kinds: CellKind[], count: number][] = [
    ['numbers', ['integer', 'float'], numeric],
    ['booleans', ['boolean'], counts.boolean],
    ['datetimes', ['datetime'], counts.datetime],
    ['text', ['string'], counts.string],
  ];
  const [label, kinds, count] = groups.reduce((best, group) => (group[2] > best[2] ? group : best));
  const others = KINDS.filter((kind) => !kinds.includes(kind)).flatMap(
    (kind) => state.samples[kind],
  );
  const examples = others
    .slice(0, SAMPLES)
    .map((text) => JSON.stringify(text))
    .join(', ');
  const off = present - count;
  return `${off} of ${present} values are not ${label} (e.g. ${examples}), so the column is read as string`;
}
