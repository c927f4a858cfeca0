/** Why a request left the queue without running. */
export type QueueRejection = 'queue_full' | 'timeout' | 'aborted' | 'closed';

/** One session run of a batcher. */
export interface BatchRun {
  /** Requests answered by this run. */
  requests: number;
  /** Rows (first-dimension entries) the run computed. */
  rows: number;
  seconds: number;
  /** False when the run could not be shared (one request, or a fallback to separate runs). */
  batched: boolean;
}

/**
 * What a batcher reports as it works, for metrics (the serving process feeds Prometheus from
 * it). Every method is optional and called synchronously: keep them cheap, never throw.
 */
export interface BatcherListener {
  /** Requests waiting, after every change. */
  queueDepth?(model: string, depth: number): void;
  /** A request waited this long before its run started. */
  queueTime?(model: string, seconds: number): void;
  run?(model: string, run: BatchRun): void;
  rejected?(model: string, reason: QueueRejection): void;
  /** The model's outputs turned out not to follow the batch: it runs requests one by one from now on. */
  batchingDisabled?(model: string, reason: string): void;
}
