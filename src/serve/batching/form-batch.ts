import type { ResolvedBatchingOptions } from './batching-options.js';

/** A queued request as batch formation sees it. */
export interface Queued {
  /** Rows and concatenation key; undefined when the request cannot share a run. */
  shape: { rows: number; key: string } | undefined;
  /** performance.now() when it was queued. */
  queuedAt: number;
}

type BatchRules = Pick<
  ResolvedBatchingOptions,
  'maxBatchSize' | 'maxQueueDelayUs' | 'preferredBatchSizes'
>;

/**
 * Triton's rules, for a queue in arrival order: the oldest request, joined by later ones of
 * the same key while the rows fit in `maxBatchSize`. The batch runs now when it holds a
 * preferred size exactly (the largest it can), is full, `flush` is set, or the oldest request
 * has waited `maxQueueDelayUs`; otherwise the answer is how long to wait for more.
 */
export function formBatch<T extends Queued>(
  queue: readonly T[],
  rules: BatchRules,
  options: { batchable: boolean; now: number; flush: boolean },
): { batch: T[] } | { waitMs: number } {
  const head = queue[0]!;
  const max = rules.maxBatchSize;
  if (!options.batchable || !head.shape || head.shape.rows === 0 || head.shape.rows >= max)
    return { batch: [head] };
  const batch = [head];
  let rows = head.shape.rows;
  for (let i = 1; i < queue.length && rows < max; i += 1) {
    const shape = queue[i]!.shape;
    if (shape?.key !== head.shape.key || shape.rows === 0 || rows + shape.rows > max) continue;
    batch.push(queue[i]!);
    rows += shape.rows;
  }
  const preferred = preferredPrefix(batch, rules.preferredBatchSizes);
  if (preferred) return { batch: batch.slice(0, preferred) };
  const waitMs = rules.maxQueueDelayUs / 1000 - (options.now - head.queuedAt);
  if (rows >= max || options.flush || waitMs <= 0) return { batch };
  return { waitMs };
}

/** How many requests from the start make up a preferred size exactly (largest first), if any. */
function preferredPrefix(batch: readonly Queued[], sizes: readonly number[]): number | undefined {
  for (const size of sizes) {
    let rows = 0;
    for (const [index, queued] of batch.entries()) {
      rows += queued.shape!.rows;
      if (rows === size) return index + 1;
      if (rows > size) break;
    }
  }
  return undefined;
}
