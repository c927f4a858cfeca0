import { GyreError, invalidParameter } from '../../core/errors/index.js';
import { emptyValues } from './columns.js';
import { readDelimitedChunks } from './csv-reader.js';
import { checkFile } from './file-access.js';
import { detectFormat } from './format.js';
import { readJsonArrayChunks, readJsonLinesChunks } from './json-reader.js';
import type { ReaderContext, TableChunk, TabularFormat, TabularReadOptions } from './types.js';

/**
 * Rows per chunk unless asked otherwise. Small enough that a chunk's cells die young in V8's
 * nursery when a stream is consumed and dropped (65,536-row chunks made streaming the 3M-row
 * flights Parquet file three to four times slower in garbage collection), large enough that the
 * per-chunk overhead does not show.
 */
export const DEFAULT_CHUNK_ROWS = 8192;

/** An opened tabular file: its format and columns are known; its rows are read on demand. */
export interface TabularSource {
  path: string;
  format: TabularFormat;
  /** Columns of the first chunk. JSON sources may add columns in later chunks. */
  columns: string[];
  /** The chunks, in order. Can be iterated once; breaking out early closes the file. */
  chunks(): AsyncIterable<TableChunk>;
  /** Releases the file when the chunks will not be iterated (iterating releases it itself). */
  close(): Promise<void>;
}

/**
 * Opens a CSV, TSV, JSON, JSON Lines, Parquet or Arrow IPC file and reads its first chunk, so a
 * file that is empty, not in the format it claims, or has a bad header fails here rather than
 * halfway through a job. Throws GyreError INVALID_PARAMETER_VALUE naming the file (and line, row
 * or column where there is one) with `details.reason` a `SourceProblem`, or
 * RESOURCE_DOES_NOT_EXIST when there is no such file. Later chunks can fail the same way.
 */
export async function openTabular(
  path: string,
  options: TabularReadOptions = {},
): Promise<TabularSource> {
  const chunkRows = checkCount('chunkRows', options.chunkRows) ?? DEFAULT_CHUNK_ROWS;
  const maxRows = checkCount('maxRows', options.maxRows) ?? Infinity;
  await checkFile(path);
  const format = options.format ?? (await detectFormat(path));
  const reader = await formatReader(format, { path, chunkRows });
  const first = await reader.next();
  if (first.done)
    throw new GyreError('INTERNAL_ERROR', `${path}: the ${format} reader yielded no chunk`);
  let used = false;
  return {
    path,
    format,
    columns: first.value.columns,
    chunks: () => {
      if (used)
        throw new GyreError(
          'INVALID_STATE',
          `${path}: chunks() can be read once; open the file again`,
        );
      used = true;
      return upTo(maxRows, first.value, reader);
    },
    close: async () => {
      used = true;
      await reader.return(undefined);
    },
  };
}

/** The chunks of a tabular file; see `openTabular` for the formats and errors. */
export async function* readTableChunks(
  path: string,
  options: TabularReadOptions = {},
): AsyncGenerator<TableChunk> {
  const source = await openTabular(path, options);
  yield* source.chunks();
}

async function formatReader(
  format: TabularFormat,
  context: ReaderContext,
): Promise<AsyncGenerator<TableChunk>> {
  switch (format) {
    case 'csv':
      return readDelimitedChunks(context, ',');
    case 'tsv':
      return readDelimitedChunks(context, '\t');
    case 'json':
      return readJsonArrayChunks(context);
    case 'jsonl':
      return readJsonLinesChunks(context);
    // The binary readers load apache-arrow and WebAssembly; only files that need them pay.
    case 'parquet':
      return (await import('./parquet-reader.js')).readParquetChunks(context);
    case 'arrow':
      return (await import('./arrow-reader.js')).readArrowChunks(context);
    default:
      throw invalidParameter(
        `unknown tabular format "${String(format)}"; use csv, tsv, json, jsonl, parquet or arrow`,
        { field: 'format', reason: 'unknown_format' },
      );
  }
}

function checkCount(name: string, value: number | undefined): number | undefined {
  if (value !== undefined && (!Number.isSafeInteger(value) || value < 1)) {
    throw invalidParameter(`${name} must be a positive integer, got ${value}`, { field: name });
  }
  return value;
}

/**
 * `first`, then the reader's chunks, ending after `maxRows` rows (the last chunk cut to fit).
 * The reader is closed however the iteration ends, so an early `break` releases the file.
 */
async function* upTo(
  maxRows: number,
  first: TableChunk,
  reader: AsyncGenerator<TableChunk>,
): AsyncGenerator<TableChunk> {
  try {
    let chunk = first;
    while (chunk.rowOffset + chunk.rowCount < maxRows) {
      yield chunk;
      const next = await reader.next();
      if (next.done) return;
      chunk = next.value;
    }
    const room = maxRows - chunk.rowOffset;
    yield chunk.rowCount > room ? truncate(chunk, room) : chunk;
  } finally {
    await reader.return(undefined);
  }
}

/** The first `rows` rows of a chunk. */
function truncate(chunk: TableChunk, rows: number): TableChunk {
  const values = emptyValues();
  for (const name of chunk.columns) values[name] = chunk.values[name]!.slice(0, rows);
  return { ...chunk, rowCount: rows, values };
}
