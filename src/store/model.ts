/** Records the store returns. Times are milliseconds since the Unix epoch. */

export type LifecycleStage = 'active' | 'deleted';

export const runStatuses = ['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED'] as const;
export type RunStatus = (typeof runStatuses)[number];

/** Which soft-deleted records a listing includes (MLflow's `ViewType`). */
export const viewTypes = ['ACTIVE_ONLY', 'DELETED_ONLY', 'ALL'] as const;
export type ViewType = (typeof viewTypes)[number];

export interface Experiment {
  experimentId: string;
  name: string;
  lifecycleStage: LifecycleStage;
  creationTime: number;
  lastUpdateTime: number;
  tags: Record<string, string>;
}

export interface RunInfo {
  runId: string;
  experimentId: string;
  runName: string;
  userId: string;
  status: RunStatus;
  startTime: number;
  endTime: number | null;
  lifecycleStage: LifecycleStage;
  parentRunId: string | null;
}

/** One logged metric point. `value` may be NaN or ±Infinity. */
export interface MetricPoint {
  key: string;
  value: number;
  timestamp: number;
  step: number;
}

export interface RunData {
  params: Record<string, string>;
  tags: Record<string, string>;
  /** Latest point per key: highest step, then latest timestamp. */
  metrics: Record<string, MetricPoint>;
}

export interface Run {
  info: RunInfo;
  data: RunData;
}

/** One file of a run's artifact tree: a normalised relative path pointing at a blob. */
export interface ArtifactEntry {
  path: string;
  digest: string;
  size: number;
  createdTime: number;
}

export interface Page<T> {
  items: T[];
  /** Opaque token for the next page; undefined on the last page. */
  nextPageToken: string | undefined;
}
