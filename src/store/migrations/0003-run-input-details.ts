import type { Migration } from './migration.js';
import { columnTypes } from './migration.js';

export const runInputDetails: Migration = {
  version: 3,
  name: 'run input details (e.g. an MLflow dataset: source, schema, profile, tags)',
  async up(db, dialect) {
    await db.schema
      .alterTable('run_inputs')
      .addColumn('details', columnTypes(dialect).text)
      .execute();
  },
};
