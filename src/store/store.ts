import type { DatasetStore } from './dataset-store.js';
import type { PredictionStore } from './prediction-store.js';
import type { FilterNode, OrderTerm } from './query/index.js';
import type { RunInput } from './registry-model.js';
import type {
  ModelAliasStore,
  ModelStore,
  ModelVersionStore,
  OutboxStore,
  RegistryAuditStore,
} from './registry-store.js';
import type {
  ArtifactEntry,
  Experiment,
  MetricPoint,
  Run,
  RunInfo,
  RunStatus,
  ViewType,
} from './model.js';

/**
 * The metadata store: one interface, a SQLite and a PostgreSQL implementation, one conformance
 * suite (`src/store/conformance`) that both pass.
 *
 * Contract for every method:
 * - Records returned are fresh plain objects; mutating them changes nothing stored.
 * - Each method is atomic: it either applies completely or throws and changes nothing.
 * - Failures are `GyreError`s: `RESOURCE_DOES_NOT_EXIST` for an unknown id,
 *   `RESOURCE_ALREADY_EXISTS` for a taken unique name, `INVALID_PARAMETER_VALUE` for a rule
 *   broken by the arguments (e.g. a param re-logged with another value).
 * - Safe to call concurrently, from one process or many sharing the database.
 * Input validation (key lengths, characters) is the caller's job; the store enforces only
 * what needs the stored state.
 */
export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
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
  close(): Promise<void>;
}

export interface ListWindow {
  /** Rows to skip (decoded from a page token by the caller). */
  offset: number;
  limit: number;
}

export interface ExperimentQuery extends ListWindow {
  view: ViewType;
  filter?: FilterNode;
  orderBy?: OrderTerm[];
}

export interface ExperimentStore {
  /** Creates an active experiment. A taken name (even by a deleted experiment) is RESOURCE_ALREADY_EXISTS. */
  create(input: { name: string; tags?: Record<string, string>; now: number }): Promise<Experiment>;
  get(experimentId: string): Promise<Experiment | undefined>;
  getByName(name: string): Promise<Experiment | undefined>;
  /** Default order: creation_time DESC, experiment_id. Returns one row more than `limit` when more exist. */
  search(query: ExperimentQuery): Promise<Experiment[]>;
  rename(experimentId: string, name: string, now: number): Promise<Experiment>;
  setTag(experimentId: string, key: string, value: string, now: number): Promise<void>;
  /** Deleting a tag that is not there is RESOURCE_DOES_NOT_EXIST. */
  deleteTag(experimentId: string, key: string, now: number): Promise<void>;
  /** Soft-deletes the experiment and marks its active runs deleted at the same time. */
  markDeleted(experimentId: string, now: number): Promise<Experiment>;
  /** Restores the experiment and the runs that its deletion marked deleted. */
  restore(experimentId: string, now: number): Promise<Experiment>;
}

export interface NewRun {
  runId: string;
  experimentId: string;
  runName: string;
  userId: string;
  status: RunStatus;
  startTime: number;
  parentRunId: string | null;
  tags: Record<string, string>;
}

export interface RunUpdate {
  status?: RunStatus;
  endTime?: number | null;
  runName?: string;
}

/** Metrics, params and tags written together: all or nothing. */
export interface RunBatch {
  metrics: MetricPoint[];
  params: { key: string; value: string }[];
  tags: { key: string; value: string }[];
}

export interface RunQuery extends ListWindow {
  /** Empty or absent: every experiment. */
  experimentIds?: string[];
  view: ViewType;
  filter?: FilterNode;
  /** Ties and the default order: start_time DESC, run_id ASC. */
  orderBy?: OrderTerm[];
}

export interface RunStore {
  /** The experiment must exist and be active; a parent run must exist. */
  create(run: NewRun): Promise<Run>;
  get(runId: string): Promise<Run | undefined>;
  update(runId: string, update: RunUpdate): Promise<RunInfo>;
  markDeleted(runId: string, now: number): Promise<RunInfo>;
  restore(runId: string): Promise<RunInfo>;
  /**
   * Appends metric points, sets tags, and sets params, in one transaction, to an active run.
   * A param already stored with a different value (or given twice with different values) fails
   * the whole batch with INVALID_PARAMETER_VALUE naming the key and both values.
   */
  logBatch(runId: string, batch: RunBatch): Promise<void>;
  deleteTag(runId: string, key: string): Promise<void>;
  /** Points of one metric ordered by step, then timestamp. */
  metricHistory(runId: string, key: string, window: ListWindow): Promise<MetricPoint[]>;
  /** Returns one row more than `limit` when more exist. */
  search(query: RunQuery): Promise<Run[]>;
  /** Records what the run consumed; logging the same (kind, ref) again updates its digest. */
  logInputs(runId: string, inputs: RunInput[], now: number): Promise<void>;
  inputs(runId: string): Promise<RunInput[]>;
  /** Runs that logged this input, newest first (lineage in the other direction). */
  runsUsing(kind: string, ref: string): Promise<string[]>;
}

export interface RunArtifactStore {
  /**
   * Points `path` at a blob, replacing an existing file at that path. A path that would be both a
   * file and a directory (`a` and `a/b`) is INVALID_PARAMETER_VALUE.
   */
  put(runId: string, entry: ArtifactEntry): Promise<void>;
  get(runId: string, path: string): Promise<ArtifactEntry | undefined>;
  /** Every file under `directory` ('' for the root), recursively, ordered by path. */
  listUnder(runId: string, directory: string): Promise<ArtifactEntry[]>;
}
