import type { Migration } from './migration.js';
import { columnTypes } from './migration.js';

export const predictionLog: Migration = {
  version: 5,
  name: 'prediction log: one row per predicted row, by request id',
  async up(db, dialect) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable('predictions')
      .addColumn('request_id', t.text, (c) => c.notNull())
      .addColumn('row', t.bigint, (c) => c.notNull())
      .addColumn('model_name', t.text, (c) => c.notNull())
      .addColumn('model_version', t.bigint)
      .addColumn('time', t.bigint, (c) => c.notNull())
      .addColumn('latency_ms', t.double, (c) => c.notNull())
      .addColumn('inputs', t.text, (c) => c.notNull())
      .addColumn('outputs', t.text, (c) => c.notNull())
      .addPrimaryKeyConstraint('predictions_pk', ['request_id', 'row'])
      .execute();
    await db.schema
      .createIndex('predictions_model_time')
      .on('predictions')
      .columns(['model_name', 'time'])
      .execute();
  },
};
