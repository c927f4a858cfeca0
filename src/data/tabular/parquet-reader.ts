import { openAsBlob } from 'node:fs';
import { tableFromIPC } from 'apache-arrow';
import type { ParquetFile, RecordBatch as WasmRecordBatch } from 'parquet-wasm';
import { batchChunks, emptyChunk } from './arrow-cells.js';
import { decodeError } from './source-error.js';
import type { ReaderContext, TableChunk } from './types.js';

/**
 * Parquet, decoded in record batches of at most `chunkRows` rows. The file is opened as a Blob
 * that parquet-wasm reads by range (footer first, then one row group's column chunks), so
 * neither the file nor the table is ever in memory whole: a 3,000,000-row file costs about one
 * row group of compressed bytes plus one batch of decoded rows.
 */
export async function* readParquetChunks(context: ReaderContext): AsyncGenerator<TableChunk> {
  const { path, chunkRows } = context;
  // Loaded here, not at the top: instantiating the WebAssembly module is only worth it for Parquet.
  const wasm = await import('parquet-wasm');
  let file: ParquetFile;
  try {
    file = await wasm.ParquetFile.fromFile(await openAsBlob(path));
  } catch (error) {
    throw decodeError(path, 'parquet', error);
  }
  let batches: ReadableStreamDefaultReader<WasmRecordBatch> | undefined;
  try {
    let names: string[];
    try {
      names = tableFromIPC(file.schema().intoIPCStream()).schema.fields.map((field) => field.name);
      // One stream over all row groups: per-group `read` calls cost about twice as much.
      const stream = (await file.stream({
        batchSize: chunkRows,
      })) as ReadableStream<WasmRecordBatch>;
      batches = stream.getReader();
    } catch (error) {
      throw decodeError(path, 'parquet', error);
    }
    const first = emptyChunk(path, names, 'the Parquet schema');
    let offset = 0;
    for (;;) {
      let batch;
      try {
        const next = await batches.read();
        if (next.done) break;
        // intoIPCStream moves the batch out of WebAssembly memory and frees it there.
        batch = tableFromIPC(next.value.intoIPCStream()).batches;
      } catch (error) {
        throw decodeError(path, 'parquet', error, `after row ${offset}`);
      }
      for (const piece of batch) {
        yield* batchChunks(path, piece, offset, chunkRows);
        offset += piece.numRows;
      }
    }
    if (offset === 0) yield first;
  } finally {
    // Stops the reads ahead when the consumer leaves early.
    await batches?.cancel().catch(() => undefined);
    file.free();
  }
}
