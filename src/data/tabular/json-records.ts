import { ChunkBuilder } from './columns.js';
import { sourceError } from './source-error.js';
import type { Cell, TableChunk } from './types.js';

/**
 * Turns parsed JSON records into chunks. The columns are the union of the records' keys in the
 * order first seen; a key first seen in a later chunk is appended to that chunk's columns (readers
 * of chunks must allow `columns` to grow; `readTable` back-fills the earlier rows with null).
 */
export class JsonRecordSink {
  private readonly builder: ChunkBuilder;
  private readonly known = new Set<string>();
  private yielded = false;

  constructor(
    private readonly path: string,
    chunkRows: number,
  ) {
    this.builder = new ChunkBuilder([], chunkRows);
  }

  /** Adds one record; returns a chunk when one is full. `line` locates it for errors. */
  add(record: unknown, line: number): TableChunk | undefined {
    const row = this.builder.nextRow;
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      const kind = record === null ? 'null' : Array.isArray(record) ? 'an array' : typeof record;
      throw sourceError(
        this.path,
        'not_a_record',
        `record ${row + 1} (line ${line}) is ${kind}, not an object: each record must be ` +
          'an object of column names to values, like {"age": 31, "city": "Oslo"}',
        { line, row },
      );
    }
    const fields = record as Record<string, unknown>;
    for (const key of Object.keys(fields)) {
      if (this.known.has(key)) continue;
      if (key.trim() === '') {
        throw sourceError(
          this.path,
          'bad_column_names',
          `record ${row + 1} (line ${line}) has an empty key; every key is a column name`,
          { line, row },
        );
      }
      this.known.add(key);
      this.builder.addColumn(key);
    }
    // hasOwn: a record without a `toString` key must not read Object.prototype.toString.
    const cells = this.builder.columnNames.map((name) =>
      Object.hasOwn(fields, name) ? jsonCell(fields[name]) : null,
    );
    this.builder.push(cells);
    if (!this.builder.full) return undefined;
    this.yielded = true;
    return this.builder.take();
  }

  /** The last, partial chunk, if it has rows (or is the only one, so columns stay known). */
  finish(): TableChunk | undefined {
    if (this.builder.rowCount === 0 && this.yielded) return undefined;
    return this.builder.take();
  }
}

/**
 * JSON scalars keep their type; nested objects and arrays become their JSON text, a category
 * like any other string, rather than an error: a table with one nested column stays usable.
 */
function jsonCell(value: unknown): Cell {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') {
    return value;
  }
  return JSON.stringify(value);
}
