export type * from './model.js';
export { runStatuses, viewTypes } from './model.js';
export type * from './store.js';
export { KyselyStore } from './kysely/kysely-store.js';
export {
  latestSchemaVersion,
  openStore,
  readDatabaseStatus,
  type OpenStoreOptions,
} from './open-store.js';
export type { SchemaStatus } from './migrations/index.js';
export * from './query/index.js';
export type * from './registry-model.js';
export { modelStages, modelVersionStatuses } from './registry-model.js';
export type * from './registry-store.js';
export type * from './dataset-model.js';
export type * from './dataset-store.js';
export type * from './prediction-model.js';
export type * from './prediction-store.js';
