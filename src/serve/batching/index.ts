/** Per-model request queues that combine concurrent requests into one session run. */
export type { BatchRun, BatcherListener, QueueRejection } from './batcher-listener.js';
export {
  defaultBatchingOptions,
  resolveBatchingOptions,
  type DynamicBatchingOptions,
  type ResolvedBatchingOptions,
} from './batching-options.js';
export { DynamicBatcher, type BatchedModel, type SubmitOptions } from './dynamic-batcher.js';
