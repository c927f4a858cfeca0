import { initialSchema } from './0001-initial.js';
import { registrySchema } from './0002-registry.js';
import { runInputDetails } from './0003-run-input-details.js';
import { datasetSchema } from './0004-datasets.js';
import { predictionLog } from './0005-predictions.js';
import type { Migration } from './migration.js';

/** Every migration, in version order. Append only. */
export const migrations: readonly Migration[] = [
  initialSchema,
  registrySchema,
  runInputDetails,
  datasetSchema,
  predictionLog,
];

export const latestSchemaVersion = migrations.at(-1)?.version ?? 0;

export { columnTypes, type Migration, type SqlDialect } from './migration.js';
export { migrateToLatest, readSchemaStatus, type SchemaStatus } from './migrator.js';
