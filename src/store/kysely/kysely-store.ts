import type { Kysely } from 'kysely';
import type {
  ModelAliasStore,
  ModelStore,
  ModelVersionStore,
  OutboxStore,
  RegistryAuditStore,
} from '../registry-store.js';
import type { DatasetStore } from '../dataset-store.js';
import type { PredictionStore } from '../prediction-store.js';
import type { ExperimentStore, RunArtifactStore, RunStore, Store } from '../store.js';
import { multiRowInsertWriter, type BulkWriter } from './bulk-writer.js';
import type { Database } from './database.js';
import { DatasetRepository } from './datasets/dataset-repository.js';
import { PredictionRepository } from './prediction-repository.js';
import { ExperimentRepository } from './experiment-repository.js';
import { RunArtifactRepository } from './run-artifact-repository.js';
import { AliasRepository } from './registry/alias-repository.js';
import { AuditRepository, OutboxRepository } from './registry/audit-repository.js';
import { ChangeRecorder } from './registry/change-recorder.js';
import { ModelRepository } from './registry/model-repository.js';
import { VersionRepository } from './registry/version-repository.js';
import { RunRepository } from './run-repository.js';

/** The Store over Kysely; nothing in it knows more of the dialect than the `dialect` flag. */
export class KyselyStore implements Store {
  readonly experiments: ExperimentStore;
  readonly runs: RunStore;
  readonly runArtifacts: RunArtifactStore;
  readonly models: ModelStore;
  readonly modelVersions: ModelVersionStore;
  readonly modelAliases: ModelAliasStore;
  readonly registryAudit: RegistryAuditStore;
  readonly outbox: OutboxStore;
  readonly datasets: DatasetStore;
  readonly predictions: PredictionStore;

  constructor(
    readonly db: Kysely<Database>,
    readonly dialect: 'sqlite' | 'postgres',
    bulk: BulkWriter = multiRowInsertWriter,
  ) {
    this.experiments = new ExperimentRepository(db, dialect);
    this.runs = new RunRepository(db, dialect, bulk);
    this.runArtifacts = new RunArtifactRepository(db);
    const changes = new ChangeRecorder(dialect);
    this.models = new ModelRepository(db, dialect, changes);
    this.modelVersions = new VersionRepository(db, dialect, changes);
    this.modelAliases = new AliasRepository(db, changes, dialect === 'postgres');
    this.registryAudit = new AuditRepository(db);
    this.outbox = new OutboxRepository(db, changes);
    this.datasets = new DatasetRepository(db, dialect === 'postgres');
    this.predictions = new PredictionRepository(db);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
