import { sourceError } from './source-error.js';
import type { Cell, TableChunk } from './types.js';

/**
 * Column names must be unique and non-blank: chunks are keyed by name, and a trainer or a profile
 * that silently merged two `price` columns, or showed a nameless one, would mislead.
 * `where` names what holds the names, e.g. "the header (line 1)" or "the Parquet schema".
 */
export function checkColumnNames(
  path: string,
  names: readonly string[],
  where: string,
  line?: number,
): void {
  const seen = new Map<string, number>();
  names.forEach((name, index) => {
    if (name.trim() === '') {
      throw sourceError(
        path,
        'bad_column_names',
        `column ${index + 1} of ${where} has an empty name`,
        {
          line,
        },
      );
    }
    const first = seen.get(name);
    if (first !== undefined) {
      throw sourceError(
        path,
        'bad_column_names',
        `column name "${name}" appears twice in ${where} (columns ${first + 1} and ${index + 1}); ` +
          'rename one of them',
        { line, column: name },
      );
    }
    seen.set(name, index);
  });
}

/**
 * Header cells that are blank get pandas' name `Unnamed: <0-based position>`: a CSV written by
 * `DataFrame.to_csv` with its index starts with an empty header cell, and refusing every such
 * file would be unhelpful. The names are then checked like any others.
 */
export function nameBlankColumns(names: readonly string[]): string[] {
  return names.map((name, index) => (name.trim() === '' ? `Unnamed: ${index}` : name));
}

/** A values record without a prototype, so a column named `__proto__` is just a column. */
export function emptyValues(): Record<string, Cell[]> {
  return Object.create(null) as Record<string, Cell[]>;
}

/** Collects rows into columnar chunks of at most `chunkRows` rows. */
export class ChunkBuilder {
  private readonly columns: string[];
  private values = emptyValues();
  private rows = 0;
  private offset = 0;

  constructor(
    columns: readonly string[],
    private readonly chunkRows: number,
  ) {
    this.columns = [...columns];
    for (const name of columns) this.values[name] = [];
  }

  get columnNames(): readonly string[] {
    return this.columns;
  }

  get rowCount(): number {
    return this.rows;
  }

  /** The 0-based index in the whole table the next pushed row will have. */
  get nextRow(): number {
    return this.offset + this.rows;
  }

  get full(): boolean {
    return this.rows >= this.chunkRows;
  }

  /** Appends a column first seen mid-stream (JSON); rows already in this chunk get null. */
  addColumn(name: string): void {
    this.columns.push(name);
    this.values[name] = new Array<Cell>(this.rows).fill(null);
  }

  /** Adds one row; `cells` follow `columnNames` order (missing trailing cells are null). */
  push(cells: readonly Cell[]): void {
    const { columns, values } = this;
    for (let i = 0; i < columns.length; i++) values[columns[i]!]!.push(cells[i] ?? null);
    this.rows++;
  }

  /** Hands over the rows collected so far as a chunk and starts the next one. */
  take(): TableChunk {
    const chunk: TableChunk = {
      columns: [...this.columns],
      rowOffset: this.offset,
      rowCount: this.rows,
      values: this.values,
    };
    this.offset += this.rows;
    this.rows = 0;
    this.values = emptyValues();
    for (const name of this.columns) this.values[name] = [];
    return chunk;
  }
}
