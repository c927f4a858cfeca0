import type { Transaction } from 'kysely';
import type { Database, MetricRow } from './database.js';

/**
 * Appends metric history rows inside an open transaction: the one write whose speed decides
 * ingest throughput, so each dialect supplies its fastest form (dialects/*-bulk.ts).
 */
export interface BulkWriter {
  insertMetrics(trx: Transaction<Database>, rows: MetricRow[]): Promise<void>;
}

/** Rows per INSERT: 1,000 × 6 columns stays far below both dialects' parameter limits. */
const ROWS_PER_INSERT = 1000;

/** Portable multi-row INSERTs; correct everywhere, the baseline the dialect writers beat. */
export const multiRowInsertWriter: BulkWriter = {
  async insertMetrics(trx, rows) {
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
      await trx
        .insertInto('metrics')
        .values(rows.slice(i, i + ROWS_PER_INSERT))
        .execute();
    }
  },
};
