import type { Migration } from './migration.js';
import { columnTypes } from './migration.js';

export const datasetSchema: Migration = {
  version: 4,
  name: 'versioned datasets: versions with schema and profile, tags, aliases',
  async up(db, dialect) {
    const t = columnTypes(dialect);
    const autoId = (table: string, column: string) => {
      const builder = db.schema.createTable(table);
      return dialect === 'postgres'
        ? builder.addColumn(column, 'bigserial', (c) => c.primaryKey())
        : builder.addColumn(column, 'integer', (c) => c.primaryKey().autoIncrement());
    };

    await autoId('datasets', 'dataset_id')
      .addColumn('name', t.text, (c) => c.notNull().unique())
      .addColumn('creation_time', t.bigint, (c) => c.notNull())
      .addColumn('last_update_time', t.bigint, (c) => c.notNull())
      .execute();

    await autoId('dataset_versions', 'version_id')
      .addColumn('dataset_id', t.bigint, (c) => c.notNull().references('datasets.dataset_id'))
      .addColumn('version', t.bigint, (c) => c.notNull())
      .addColumn('digest', t.text, (c) => c.notNull())
      .addColumn('size', t.bigint, (c) => c.notNull())
      .addColumn('row_count', t.bigint, (c) => c.notNull())
      .addColumn('format', t.text, (c) => c.notNull())
      .addColumn('source', t.text, (c) => c.notNull())
      .addColumn('description', t.text, (c) => c.notNull())
      .addColumn('user_id', t.text, (c) => c.notNull())
      .addColumn('creation_time', t.bigint, (c) => c.notNull())
      .addColumn('schema', t.text, (c) => c.notNull())
      .addColumn('profile', t.text, (c) => c.notNull())
      .addColumn('spec', t.text)
      .addUniqueConstraint('dataset_versions_number', ['dataset_id', 'version'])
      .execute();
    await db.schema
      .createIndex('dataset_versions_digest')
      .on('dataset_versions')
      .column('digest')
      .execute();

    await db.schema
      .createTable('dataset_version_tags')
      .addColumn('version_id', t.bigint, (c) =>
        c.notNull().references('dataset_versions.version_id'),
      )
      .addColumn('key', t.text, (c) => c.notNull())
      .addColumn('value', t.text, (c) => c.notNull())
      .addPrimaryKeyConstraint('dataset_version_tags_pk', ['version_id', 'key'])
      .execute();

    await db.schema
      .createTable('dataset_aliases')
      .addColumn('dataset_id', t.bigint, (c) => c.notNull().references('datasets.dataset_id'))
      .addColumn('alias', t.text, (c) => c.notNull())
      .addColumn('version_id', t.bigint, (c) =>
        c.notNull().references('dataset_versions.version_id'),
      )
      .addPrimaryKeyConstraint('dataset_aliases_pk', ['dataset_id', 'alias'])
      .execute();
  },
};
