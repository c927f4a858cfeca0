import { describe, expect, it } from 'vitest';
import { formBatch, type Queued } from './form-batch.js';

const rules = { maxBatchSize: 8, maxQueueDelayUs: 2000, preferredBatchSizes: [] as number[] };
const at = (now: number, flush = false) => ({ batchable: true, now, flush });

/** Requests queued at time 0 with these rows, all of one shape unless a key is given. */
function queue(...rows: (number | [number, string])[]): (Queued & { id: number })[] {
  return rows.map((entry, id) => {
    const [count, key] = typeof entry === 'number' ? [entry, 'a'] : entry;
    return { id, shape: { rows: count, key }, queuedAt: 0 };
  });
}

const ids = (formed: ReturnType<typeof formBatch<Queued & { id: number }>>) =>
  'batch' in formed ? formed.batch.map((q) => q.id) : formed;

describe('formBatch', () => {
  it('waits out the delay for a batch that is not full, then takes what is there', () => {
    expect(ids(formBatch(queue(1, 2), rules, at(0.5)))).toEqual({ waitMs: 1.5 });
    expect(ids(formBatch(queue(1, 2), rules, at(2)))).toEqual([0, 1]);
    expect(ids(formBatch(queue(1, 2), { ...rules, maxQueueDelayUs: 0 }, at(0)))).toEqual([0, 1]);
  });

  it('runs a full batch at once, skipping requests that do not fit or differ in shape', () => {
    expect(ids(formBatch(queue(3, [2, 'b'], 4, 2, 1), rules, at(0)))).toEqual([0, 2, 4]);
    expect(ids(formBatch(queue(5, 5), rules, at(5)))).toEqual([0]);
  });

  it('runs the largest preferred size the queue forms exactly', () => {
    const preferring = { ...rules, preferredBatchSizes: [6, 4] };
    expect(ids(formBatch(queue(1, 3, 2, 1), preferring, at(0)))).toEqual([0, 1, 2]);
    expect(ids(formBatch(queue(1, 3, 3), preferring, at(0)))).toEqual([0, 1]);
    expect(ids(formBatch(queue(2, 3), preferring, at(0)))).toEqual({ waitMs: 2 });
  });

  it('runs alone a request that cannot share: not batchable, oversized, empty or mixed rows', () => {
    expect(ids(formBatch(queue(1, 1), rules, { ...at(0), batchable: false }))).toEqual([0]);
    expect(ids(formBatch(queue(9, 1), rules, at(0)))).toEqual([0]);
    expect(ids(formBatch(queue(0, 1), rules, at(0)))).toEqual([0]);
    const mixed = [
      { id: 0, shape: undefined, queuedAt: 0 },
      ...queue(1).map((q) => ({ ...q, id: 1 })),
    ];
    expect(ids(formBatch(mixed, rules, at(0)))).toEqual([0]);
  });

  it('does not wait when flushing for close', () => {
    expect(ids(formBatch(queue(1, 2), rules, at(0, true)))).toEqual([0, 1]);
  });
});
