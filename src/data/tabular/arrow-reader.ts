import { open } from 'node:fs/promises';
import { RecordBatchReader, type RecordBatch } from 'apache-arrow';
import { batchChunks, emptyChunk } from './arrow-cells.js';
import { unreadable } from './file-access.js';
import { decodeError } from './source-error.js';
import type { ReaderContext, TableChunk } from './types.js';

/**
 * Arrow IPC, file (`.arrow`, `.feather` v2) or stream format, one record batch at a time through
 * a file handle, so only the current batch is in memory.
 */
export async function* readArrowChunks(context: ReaderContext): AsyncGenerator<TableChunk> {
  const { path, chunkRows } = context;
  const handle = await open(path).catch((error: unknown) => {
    throw unreadable(path, error);
  });
  try {
    let reader: Awaited<ReturnType<typeof RecordBatchReader.from>>;
    let batches: AsyncIterator<RecordBatch>;
    try {
      reader = await RecordBatchReader.from(handle);
      await reader.open();
      batches = reader[Symbol.asyncIterator]() as AsyncIterator<RecordBatch>;
    } catch (error) {
      throw decodeError(path, 'arrow', error);
    }
    const names = reader.schema.fields.map((field) => field.name);
    const first = emptyChunk(path, names, 'the Arrow schema');
    let offset = 0;
    for (;;) {
      let next: IteratorResult<RecordBatch>;
      try {
        next = await batches.next();
      } catch (error) {
        throw decodeError(path, 'arrow', error, `after row ${offset}`);
      }
      if (next.done) break;
      yield* batchChunks(path, next.value, offset, chunkRows);
      offset += next.value.numRows;
    }
    if (offset === 0) yield first;
  } finally {
    await handle.close();
  }
}
