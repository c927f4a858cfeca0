import type { Kysely } from 'kysely';
import type { ExperimentStore, RunArtifactStore, RunStore, Store } from '../store.js';
import { multiRowInsertWriter, type BulkWriter } from './bulk-writer.js';
import type { Database } from './database.js';
import { ExperimentRepository } from './experiment-repository.js';
import { RunArtifactRepository } from './run-artifact-repository.js';
import { RunRepository } from './run-repository.js';

/** The Store over Kysely; nothing in it knows more of the dialect than the `dialect` flag. */
export class KyselyStore implements Store {
  readonly experiments: ExperimentStore;
  readonly runs: RunStore;
  readonly runArtifacts: RunArtifactStore;

  constructor(
    readonly db: Kysely<Database>,
    readonly dialect: 'sqlite' | 'postgres',
    bulk: BulkWriter = multiRowInsertWriter,
  ) {
    this.experiments = new ExperimentRepository(db, dialect);
    this.runs = new RunRepository(db, dialect, bulk);
    this.runArtifacts = new RunArtifactRepository(db);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
