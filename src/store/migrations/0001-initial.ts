import { sql } from 'kysely';
import { columnTypes, type Migration } from './migration.js';

export const initialSchema: Migration = {
  version: 1,
  name: 'experiments, runs, params, tags, metrics, run artifacts',
  async up(db, dialect) {
    const t = columnTypes(dialect);
    const now = Date.now();

    let experiments = db.schema.createTable('experiments');
    experiments =
      dialect === 'postgres'
        ? experiments.addColumn('experiment_id', 'bigserial', (c) => c.primaryKey())
        : experiments.addColumn('experiment_id', 'integer', (c) => c.primaryKey().autoIncrement());
    await experiments
      .addColumn('name', t.text, (c) => c.notNull().unique())
      .addColumn('lifecycle_stage', t.text, (c) => c.notNull())
      .addColumn('creation_time', t.bigint, (c) => c.notNull())
      .addColumn('last_update_time', t.bigint, (c) => c.notNull())
      .addColumn('deleted_time', t.bigint)
      .execute();

    await db.schema
      .createTable('experiment_tags')
      .addColumn('experiment_id', t.bigint, (c) =>
        c.notNull().references('experiments.experiment_id'),
      )
      .addColumn('key', t.text, (c) => c.notNull())
      .addColumn('value', t.text, (c) => c.notNull())
      .addPrimaryKeyConstraint('experiment_tags_pk', ['experiment_id', 'key'])
      .execute();

    await db.schema
      .createTable('runs')
      .addColumn('run_id', t.text, (c) => c.primaryKey())
      .addColumn('experiment_id', t.bigint, (c) =>
        c.notNull().references('experiments.experiment_id'),
      )
      .addColumn('run_name', t.text, (c) => c.notNull())
      .addColumn('user_id', t.text, (c) => c.notNull())
      .addColumn('status', t.text, (c) => c.notNull())
      .addColumn('start_time', t.bigint, (c) => c.notNull())
      .addColumn('end_time', t.bigint)
      .addColumn('lifecycle_stage', t.text, (c) => c.notNull())
      .addColumn('deleted_time', t.bigint)
      .addColumn('parent_run_id', t.text)
      .execute();
    await db.schema
      .createIndex('runs_experiment_start')
      .on('runs')
      .columns(['experiment_id', 'start_time'])
      .execute();
    await db.schema.createIndex('runs_start').on('runs').columns(['start_time']).execute();
    await db.schema.createIndex('runs_parent').on('runs').column('parent_run_id').execute();

    for (const table of ['params', 'tags'] as const) {
      await db.schema
        .createTable(table)
        .addColumn('run_id', t.text, (c) => c.notNull().references('runs.run_id'))
        .addColumn('key', t.text, (c) => c.notNull())
        .addColumn('value', t.text, (c) => c.notNull())
        .addPrimaryKeyConstraint(`${table}_pk`, ['run_id', 'key'])
        .execute();
    }

    // History and latest value share one row shape.
    const metricTable = (name: string) =>
      db.schema
        .createTable(name)
        .addColumn('run_id', t.text, (c) => c.notNull().references('runs.run_id'))
        .addColumn('key', t.text, (c) => c.notNull())
        .addColumn('value', t.double)
        .addColumn('is_nan', 'integer', (c) => c.notNull())
        .addColumn('step', t.bigint, (c) => c.notNull())
        .addColumn('timestamp', t.bigint, (c) => c.notNull());
    await metricTable('metrics').execute();
    await db.schema
      .createIndex('metrics_history')
      .on('metrics')
      .columns(['run_id', 'key', 'step', 'timestamp'])
      .execute();

    await metricTable('latest_metrics')
      .addPrimaryKeyConstraint('latest_metrics_pk', ['run_id', 'key'])
      .execute();
    await db.schema
      .createIndex('latest_metrics_key_value')
      .on('latest_metrics')
      .columns(['key', 'value'])
      .execute();

    await db.schema
      .createTable('run_artifacts')
      .addColumn('run_id', t.text, (c) => c.notNull().references('runs.run_id'))
      .addColumn('path', t.text, (c) => c.notNull())
      .addColumn('digest', t.text, (c) => c.notNull())
      .addColumn('size', t.bigint, (c) => c.notNull())
      .addColumn('created_time', t.bigint, (c) => c.notNull())
      .addPrimaryKeyConstraint('run_artifacts_pk', ['run_id', 'path'])
      .execute();

    // MLflow's convention: experiment 0 is "Default" and always exists.
    await sql`insert into experiments (experiment_id, name, lifecycle_stage, creation_time, last_update_time)
      values (0, 'Default', 'active', ${now}, ${now})`.execute(db);
  },
};
