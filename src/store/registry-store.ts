import type { ViewType } from './model.js';
import type { FilterNode, OrderTerm } from './query/index.js';
import type {
  AuditEntry,
  Change,
  ChangeEvent,
  ModelStage,
  ModelVersionRecord,
  ModelVersionStatus,
  RegisteredModel,
} from './registry-model.js';
import type { ListWindow } from './store.js';

/**
 * Registered models. Same contract as the rest of the Store (atomic, GyreError codes, safe
 * across processes); in addition every change writes one audit entry and one outbox event in
 * its own transaction.
 * Names are unique among active models; a deleted model keeps its name until restored, and a
 * new model may take that name meanwhile.
 */
export interface ModelStore {
  create(
    input: { name: string; description?: string; tags?: Record<string, string> },
    change: Change,
  ): Promise<RegisteredModel>;
  /** Active models only unless `includeDeleted`. */
  get(name: string, options?: { includeDeleted?: boolean }): Promise<RegisteredModel | undefined>;
  /** Default order: name ASC. One row more than `limit` when more exist. */
  search(
    query: ListWindow & { view: ViewType; filter?: FilterNode; orderBy?: OrderTerm[] },
  ): Promise<RegisteredModel[]>;
  update(name: string, update: { description?: string }, change: Change): Promise<RegisteredModel>;
  rename(name: string, newName: string, change: Change): Promise<RegisteredModel>;
  setTag(name: string, key: string, value: string, change: Change): Promise<void>;
  deleteTag(name: string, key: string, change: Change): Promise<void>;
  /**
   * Soft-deletes the model. A model with versions or aliases needs `force`, which deletes
   * them too; without it the error (RESOURCE_CONFLICT) lists what would go.
   */
  delete(
    name: string,
    options: { force: boolean },
    change: Change,
  ): Promise<{ versions: number[]; aliases: string[] }>;
}

export interface NewModelVersion {
  name: string;
  source: string;
  runId: string | null;
  status: ModelVersionStatus;
  statusMessage: string;
  description: string;
  userId: string;
  digest: string;
  size: number;
  signature: unknown;
  featureSchema: unknown;
  classLabels: unknown;
  modelInfo: unknown;
  tags: Record<string, string>;
}

export interface ModelVersionStore {
  /** Numbers the version max+1 for its model (never reusing deleted numbers); creates the model when missing. */
  create(input: NewModelVersion, change: Change): Promise<ModelVersionRecord>;
  /** Active versions of active models only unless `includeDeleted`. */
  get(
    name: string,
    version: number,
    options?: { includeDeleted?: boolean },
  ): Promise<ModelVersionRecord | undefined>;
  /** The highest active version, optionally only among versions in `stage`. */
  latest(name: string, stage?: ModelStage): Promise<ModelVersionRecord | undefined>;
  /** Default order: name ASC, version DESC. One row more than `limit` when more exist. */
  search(
    query: ListWindow & { view: ViewType; filter?: FilterNode; orderBy?: OrderTerm[] },
  ): Promise<ModelVersionRecord[]>;
  update(
    name: string,
    version: number,
    update: { description?: string; status?: ModelVersionStatus; statusMessage?: string },
    change: Change,
  ): Promise<ModelVersionRecord>;
  setTag(name: string, version: number, key: string, value: string, change: Change): Promise<void>;
  deleteTag(name: string, version: number, key: string, change: Change): Promise<void>;
  /** `archiveExisting` moves other versions in Staging/Production out to Archived, in one transaction. */
  transitionStage(
    name: string,
    version: number,
    stage: ModelStage,
    archiveExisting: boolean,
    change: Change,
  ): Promise<ModelVersionRecord>;
  /** Soft delete; a version that aliases point to needs `force`, which removes those aliases. */
  delete(
    name: string,
    version: number,
    options: { force: boolean },
    change: Change,
  ): Promise<{ aliases: string[] }>;
}

export interface ModelAliasStore {
  /** Points the alias at the version, moving it atomically if it pointed elsewhere. */
  set(name: string, alias: string, version: number, change: Change): Promise<void>;
  delete(name: string, alias: string, change: Change): Promise<void>;
  /** The version the alias points to, undefined when there is no such alias. */
  get(name: string, alias: string): Promise<number | undefined>;
}

export interface RegistryAuditStore {
  /** Newest first; follows renames, and includes the entries of deleted models that had that name. */
  list(name: string, window: ListWindow): Promise<AuditEntry[]>;
}

export interface OutboxStore {
  /** Committed changes with id > cursor, oldest first (ids commit in order, so no change is skipped). */
  after(cursor: number, limit: number): Promise<ChangeEvent[]>;
  /** Calls `listener` after each commit in this process with the changes it made. */
  subscribe(listener: (events: ChangeEvent[]) => void): () => void;
}
