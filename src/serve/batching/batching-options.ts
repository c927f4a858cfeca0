import { invalidParameter } from '../../core/errors/index.js';

/** How a model's requests are queued and combined into session runs (Triton's dynamic batcher). */
export interface DynamicBatchingOptions {
  /**
   * Combine concurrent requests into one session run. Default true; it only ever happens for
   * models whose inputs and outputs all have an open first dimension. Off, requests still go
   * through the bounded queue, one per run.
   */
  enabled?: boolean;
  /** Rows (first-dimension entries, summed over requests) per run at most. */
  maxBatchSize?: number;
  /**
   * How long the oldest queued request may wait for others to join it when the batch is
   * neither full nor of a preferred size. 0: run whatever is queued as soon as the model is free.
   */
  maxQueueDelayUs?: number;
  /** Batch sizes (rows) run at once when the queue can form them exactly, largest first. */
  preferredBatchSizes?: number[];
  /** Requests waiting at most; one more is refused at once (TEMPORARILY_UNAVAILABLE, 503). */
  maxQueueSize?: number;
  /** How long a request may wait in the queue before it is refused; Infinity: no limit. */
  timeoutMs?: number;
  /** Session runs of this model at once. */
  maxConcurrentRuns?: number;
}

export type ResolvedBatchingOptions = Required<DynamicBatchingOptions>;

/**
 * Defaults from measuring onnxruntime on a 2-core machine (docs/serving-runtime.md, "Defaults"):
 * a run's fixed cost dominates small models up to 32 rows, a convolutional model gains nothing
 * past 4 rows but loses no throughput either; requests pile up while a run is busy, so batches
 * form under load with no added delay.
 */
export const defaultBatchingOptions: ResolvedBatchingOptions = {
  enabled: true,
  maxBatchSize: 32,
  maxQueueDelayUs: 0,
  preferredBatchSizes: [],
  maxQueueSize: 256,
  timeoutMs: 10_000,
  maxConcurrentRuns: 1,
};

/** Fills in defaults; INVALID_PARAMETER_VALUE naming the option for a value out of range. */
export function resolveBatchingOptions(
  options: DynamicBatchingOptions = {},
): ResolvedBatchingOptions {
  const resolved = { ...defaultBatchingOptions, ...withoutUndefined(options) };
  const integer = (name: keyof DynamicBatchingOptions, value: number, min: number) => {
    if (!Number.isSafeInteger(value) || value < min)
      throw invalidParameter(`batching option ${name} must be an integer ≥ ${min}, got ${value}`);
  };
  if (typeof resolved.enabled !== 'boolean')
    throw invalidParameter('batching option enabled must be true or false');
  integer('maxBatchSize', resolved.maxBatchSize, 1);
  integer('maxQueueDelayUs', resolved.maxQueueDelayUs, 0);
  integer('maxQueueSize', resolved.maxQueueSize, 1);
  integer('maxConcurrentRuns', resolved.maxConcurrentRuns, 1);
  if (!(resolved.timeoutMs > 0))
    throw invalidParameter(
      `batching option timeoutMs must be a positive number of milliseconds or Infinity, got ${resolved.timeoutMs}`,
    );
  if (!Array.isArray(resolved.preferredBatchSizes))
    throw invalidParameter('batching option preferredBatchSizes must be a list of integers');
  for (const size of resolved.preferredBatchSizes) {
    integer('preferredBatchSizes', size, 1);
    if (size > resolved.maxBatchSize)
      throw invalidParameter(
        `preferred batch size ${size} is larger than maxBatchSize ${resolved.maxBatchSize}`,
      );
  }
  return {
    ...resolved,
    preferredBatchSizes: [...new Set(resolved.preferredBatchSizes)].sort((a, b) => b - a),
  };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, entry]) => entry !== undefined),
  ) as Partial<T>;
}
