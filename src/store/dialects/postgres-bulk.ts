import { sql } from 'kysely';
import type { BulkWriter } from '../kysely/bulk-writer.js';

/** One INSERT … SELECT FROM unnest(arrays): six parameters whatever the batch size. */
export const postgresBulkWriter: BulkWriter = {
  async insertMetrics(trx, rows) {
    if (rows.length === 0) return;
    await sql`insert into metrics (run_id, key, value, is_nan, step, timestamp)
      select * from unnest(
        ${rows.map((r) => r.run_id)}::text[], ${rows.map((r) => r.key)}::text[], ${rows.map((r) => r.value)}::float8[],
        ${rows.map((r) => r.is_nan)}::int[], ${rows.map((r) => r.step)}::int8[], ${rows.map((r) => r.timestamp)}::int8[])`.execute(
      trx,
    );
  },
};
