import { sql } from 'kysely';
import { columnTypes, type Migration } from './migration.js';

export const registrySchema: Migration = {
  version: 2,
  name: 'model registry, audit trail, outbox, run inputs',
  async up(db, dialect) {
    const t = columnTypes(dialect);
    const autoId = (table: string, column: string) => {
      const builder = db.schema.createTable(table);
      return dialect === 'postgres'
        ? builder.addColumn(column, 'bigserial', (c) => c.primaryKey())
        : builder.addColumn(column, 'integer', (c) => c.primaryKey().autoIncrement());
    };

    await autoId('registered_models', 'model_id')
      .addColumn('name', t.text, (c) => c.notNull())
      .addColumn('description', t.text, (c) => c.notNull())
      .addColumn('lifecycle_stage', t.text, (c) => c.notNull())
      .addColumn('creation_time', t.bigint, (c) => c.notNull())
      .addColumn('last_update_time', t.bigint, (c) => c.notNull())
      .addColumn('deleted_time', t.bigint)
      .execute();
    // Unique among active models only: a deleted model keeps its name without blocking it.
    await sql`create unique index registered_models_active_name on registered_models (name) where lifecycle_stage = 'active'`.execute(
      db,
    );
    await db.schema
      .createIndex('registered_models_name')
      .on('registered_models')
      .column('name')
      .execute();

    await db.schema
      .createTable('registered_model_tags')
      .addColumn('model_id', t.bigint, (c) => c.notNull().references('registered_models.model_id'))
      .addColumn('key', t.text, (c) => c.notNull())
      .addColumn('value', t.text, (c) => c.notNull())
      .addPrimaryKeyConstraint('registered_model_tags_pk', ['model_id', 'key'])
      .execute();

    await autoId('model_versions', 'version_id')
      .addColumn('model_id', t.bigint, (c) => c.notNull().references('registered_models.model_id'))
      .addColumn('version', t.bigint, (c) => c.notNull())
      .addColumn('source', t.text, (c) => c.notNull())
      .addColumn('run_id', t.text)
      .addColumn('status', t.text, (c) => c.notNull())
      .addColumn('status_message', t.text, (c) => c.notNull())
      .addColumn('description', t.text, (c) => c.notNull())
      .addColumn('stage', t.text, (c) => c.notNull())
      .addColumn('user_id', t.text, (c) => c.notNull())
      .addColumn('digest', t.text, (c) => c.notNull())
      .addColumn('size', t.bigint, (c) => c.notNull())
      .addColumn('signature', t.text)
      .addColumn('feature_schema', t.text)
      .addColumn('class_labels', t.text)
      .addColumn('model_info', t.text)
      .addColumn('creation_time', t.bigint, (c) => c.notNull())
      .addColumn('last_update_time', t.bigint, (c) => c.notNull())
      .addColumn('lifecycle_stage', t.text, (c) => c.notNull())
      .addColumn('deleted_time', t.bigint)
      .addUniqueConstraint('model_versions_number', ['model_id', 'version'])
      .execute();
    await db.schema
      .createIndex('model_versions_run')
      .on('model_versions')
      .column('run_id')
      .execute();

    await db.schema
      .createTable('model_version_tags')
      .addColumn('version_id', t.bigint, (c) => c.notNull().references('model_versions.version_id'))
      .addColumn('key', t.text, (c) => c.notNull())
      .addColumn('value', t.text, (c) => c.notNull())
      .addPrimaryKeyConstraint('model_version_tags_pk', ['version_id', 'key'])
      .execute();

    await db.schema
      .createTable('model_aliases')
      .addColumn('model_id', t.bigint, (c) => c.notNull().references('registered_models.model_id'))
      .addColumn('alias', t.text, (c) => c.notNull())
      .addColumn('version_id', t.bigint, (c) => c.notNull().references('model_versions.version_id'))
      .addPrimaryKeyConstraint('model_aliases_pk', ['model_id', 'alias'])
      .execute();

    await autoId('registry_audit', 'audit_id')
      .addColumn('time', t.bigint, (c) => c.notNull())
      .addColumn('actor', t.text, (c) => c.notNull())
      .addColumn('action', t.text, (c) => c.notNull())
      .addColumn('model_id', t.bigint, (c) => c.notNull())
      .addColumn('model_name', t.text, (c) => c.notNull())
      .addColumn('version', t.bigint)
      .addColumn('subject', t.text)
      .addColumn('old_value', t.text)
      .addColumn('new_value', t.text)
      .execute();
    await db.schema
      .createIndex('registry_audit_model')
      .on('registry_audit')
      .columns(['model_id', 'audit_id'])
      .execute();

    await autoId('outbox', 'event_id')
      .addColumn('time', t.bigint, (c) => c.notNull())
      .addColumn('type', t.text, (c) => c.notNull())
      .addColumn('payload', t.text, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('run_inputs')
      .addColumn('run_id', t.text, (c) => c.notNull().references('runs.run_id'))
      .addColumn('kind', t.text, (c) => c.notNull())
      .addColumn('ref', t.text, (c) => c.notNull())
      .addColumn('digest', t.text)
      .addColumn('created_time', t.bigint, (c) => c.notNull())
      .addPrimaryKeyConstraint('run_inputs_pk', ['run_id', 'kind', 'ref'])
      .execute();
    await db.schema
      .createIndex('run_inputs_ref')
      .on('run_inputs')
      .columns(['kind', 'ref'])
      .execute();
  },
};
