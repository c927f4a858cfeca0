import type { SqliteStatement } from 'kysely';
import type { BulkWriter } from '../kysely/bulk-writer.js';
import type { SqliteHandle } from './sqlite-handle.js';

/**
 * One prepared single-row INSERT, reused: SQLite then skips re-parsing a 6,000-parameter
 * statement per batch. Safe only inside a Kysely transaction: the dialect has one connection,
 * the transaction holds it, and these synchronous calls run within that transaction.
 */
export function sqliteBulkWriter(handle: SqliteHandle): BulkWriter {
  // Prepared on first use: the table does not exist until migrations have run.
  let insert: SqliteStatement | undefined;
  return {
    insertMetrics(_trx, rows) {
      insert ??= handle.prepare(
        'insert into metrics (run_id, key, value, is_nan, step, timestamp) values (?, ?, ?, ?, ?, ?)',
      );
      for (const row of rows)
        insert.run([row.run_id, row.key, row.value, row.is_nan, row.step, row.timestamp]);
      return Promise.resolve();
    },
  };
}
