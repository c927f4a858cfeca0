import type { Data, RecordBatch } from 'apache-arrow';
import { dataCells } from './arrow-decode.js';
import { checkColumnNames, emptyValues } from './columns.js';
import { sourceError } from './source-error.js';
import type { Cell, TableChunk } from './types.js';

/**
 * Arrow record batches (from Arrow IPC or decoded Parquet) as chunks of plain cells of at most
 * `chunkRows` rows: timestamps and dates become `Date`, 64-bit integers become numbers (refusing
 * values a double cannot hold exactly, which would silently change ids), dictionary-encoded
 * columns become their values, strings of any width stay strings (see `dataCells`).
 */
export function* batchChunks(
  path: string,
  batch: RecordBatch,
  rowOffset: number,
  chunkRows: number,
): Generator<TableChunk> {
  const columns = batch.schema.fields.map((field) => field.name);
  for (let start = 0; start < batch.numRows; start += chunkRows) {
    const end = Math.min(batch.numRows, start + chunkRows);
    const values = emptyValues();
    columns.forEach((name, index) => {
      const data = batch.getChildAt(index)!.data as readonly Data[];
      values[name] = columnCells(path, name, data, start, end, rowOffset);
    });
    yield { columns, rowOffset: rowOffset + start, rowCount: end - start, values };
  }
}

/** An empty chunk carrying the schema's columns, for files that hold no rows. */
export function emptyChunk(path: string, names: string[], where: string): TableChunk {
  checkColumnNames(path, names, where);
  const values = emptyValues();
  for (const name of names) values[name] = [];
  return { columns: names, rowOffset: 0, rowCount: 0, values };
}

/** Rows `start` to `end` of a column that may be split over several arrays. */
function columnCells(
  path: string,
  column: string,
  pieces: readonly Data[],
  start: number,
  end: number,
  rowOffset: number,
): Cell[] {
  const out: Cell[][] = [];
  let pieceStart = 0;
  for (const data of pieces) {
    const from = Math.max(start, pieceStart);
    const to = Math.min(end, pieceStart + data.length);
    if (from < to) {
      out.push(
        dataCells(data, from - pieceStart, to - pieceStart, (value, index) => {
          const row = rowOffset + pieceStart + index;
          throw sourceError(
            path,
            'integer_too_large',
            `column "${column}" row ${row} holds ${value}, beyond ±2^53 where numbers lose ` +
              'exactness; cast it to a float or a string before export',
            { column, row },
          );
        }),
      );
    }
    pieceStart += data.length;
  }
  return out.length === 1 ? out[0]! : out.flat();
}
