/**
 * The shapes every tabular reader produces. Chunks are columnar because the consumers (trainers,
 * profiling, digests) work column by column and typed conversion is cheap on a plain array.
 */

/** One value: text from CSV/TSV, JSON scalars, or decoded Parquet/Arrow values. */
export type Cell = number | string | boolean | Date | null;

export const tabularFormats = ['csv', 'tsv', 'json', 'jsonl', 'parquet', 'arrow'] as const;
export type TabularFormat = (typeof tabularFormats)[number];

/**
 * A run of consecutive rows. `values[column]` has `rowCount` cells for every name in `columns`.
 * `rowOffset` is the 0-based index of the chunk's first row in the whole table (header excluded).
 */
export interface TableChunk {
  columns: string[];
  rowOffset: number;
  rowCount: number;
  values: Record<string, Cell[]>;
}

/** A whole table in memory: the chunks of a source concatenated. */
export interface Table {
  columns: string[];
  rowCount: number;
  values: Record<string, Cell[]>;
}

export interface TabularReadOptions {
  /** Most rows per chunk (default 8,192). Arrow batches are split to fit; chunks can be smaller. */
  chunkRows?: number;
  /** Skip detection by extension and content, e.g. for a CSV saved as `.txt`. */
  format?: TabularFormat;
  /** Stop after this many rows (a sample of a large file); the rest of the file is not read. */
  maxRows?: number;
}

/** Settings a format reader gets once the format is known. */
export interface ReaderContext {
  path: string;
  chunkRows: number;
}
