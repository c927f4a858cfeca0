/** One training column, as the trainers take it: numbers (NaN = missing) or strings (null = missing). */
export type ColumnData =
  | { type: 'numeric'; values: Float64Array }
  | { type: 'categorical'; values: (string | null)[] }
  /** Milliseconds since the epoch, NaN = missing; expanded into numeric parts. */
  | { type: 'datetime'; values: Float64Array };

export type Columns = Record<string, ColumnData>;

export function columnLength(column: ColumnData): number {
  return column.values.length;
}

/** The rows `indices` of every column, in that order. */
export function selectRows(columns: Columns, indices: ArrayLike<number>): Columns {
  const out = Object.create(null) as Columns;
  for (const [name, column] of Object.entries(columns)) {
    if (column.type === 'categorical') {
      const values = new Array<string | null>(indices.length);
      for (let i = 0; i < indices.length; i += 1) values[i] = column.values[indices[i]!]!;
      out[name] = { type: 'categorical', values };
    } else {
      const values = new Float64Array(indices.length);
      for (let i = 0; i < indices.length; i += 1) values[i] = column.values[indices[i]!]!;
      out[name] = { type: column.type, values };
    }
  }
  return out;
}
