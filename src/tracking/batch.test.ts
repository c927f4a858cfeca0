import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectGyreError } from '../testing/expect-gyre-error.js';
import { openTempGyre } from '../testing/temp-gyre.js';
import { normaliseBatch, type BatchInput } from './batch.js';
import { limits } from './limits.js';

const NOW = 1_700_000_000_000;

const metrics = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `m${i}`, value: i }));
const pairs = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: `v${i}` }));

/** Lets tests hand normaliseBatch the wrongly typed input a JSON client could send. */
const loose = (batch: unknown) => batch as BatchInput;

describe('normaliseBatch', () => {
  it('returns empty lists for an empty batch', () => {
    expect(normaliseBatch({}, NOW)).toEqual({ metrics: [], params: [], tags: [] });
  });

  it('defaults step to 0 and timestamp to now, and keeps given ones', () => {
    const batch = normaliseBatch(
      {
        metrics: [
          { key: 'loss', value: 0.5 },
          { key: 'acc', value: 0.9, step: 7, timestamp: 123 },
          { key: 'neg', value: 1, step: -3, timestamp: 0 },
        ],
        params: [{ key: 'lr', value: '0.01' }],
        tags: [{ key: 'mlflow.note', value: '' }],
      },
      NOW,
    );
    expect(batch).toEqual({
      metrics: [
        { key: 'loss', value: 0.5, step: 0, timestamp: NOW },
        { key: 'acc', value: 0.9, step: 7, timestamp: 123 },
        { key: 'neg', value: 1, step: -3, timestamp: 0 },
      ],
      params: [{ key: 'lr', value: '0.01' }],
      tags: [{ key: 'mlflow.note', value: '' }],
    });
  });

  it('allows NaN and ±Infinity as metric values', () => {
    const { metrics: out } = normaliseBatch(
      {
        metrics: [
          { key: 'a', value: Number.NaN },
          { key: 'b', value: Infinity },
          { key: 'c', value: -Infinity },
        ],
      },
      NOW,
    );
    expect(out.map((m) => m.value)).toEqual([Number.NaN, Infinity, -Infinity]);
  });

  it('accepts exactly the batch limits', () => {
    const batch = normaliseBatch(
      {
        metrics: metrics(limits.batchMetrics),
        params: pairs(limits.batchParams),
        tags: pairs(limits.batchTags),
      },
      NOW,
    );
    expect(batch.metrics).toHaveLength(10_000);
    expect(batch.params).toHaveLength(1000);
    expect(batch.tags).toHaveLength(1000);
  });

  it.each([
    ['metrics', { metrics: metrics(10_001) }, /at most 10000 metrics, got 10001/],
    ['params', { params: pairs(1001) }, /at most 1000 params, got 1001/],
    ['tags', { tags: pairs(1001) }, /at most 1000 tags, got 1001/],
  ])('rejects more %s than the limit', async (_what, batch, message) => {
    await expectGyreError(() => normaliseBatch(batch, NOW), 'INVALID_PARAMETER_VALUE', message);
  });

  it.each([
    ['metrics not a list', { metrics: { key: 'a', value: 1 } }, /metrics must be an array/],
    ['params not a list', { params: 'lr=1' }, /params must be an array/],
    ['a null metric', { metrics: [null] }, /metric key must be a non-empty string/],
    ['a numeric metric key', { metrics: [{ key: 5, value: 1 }] }, /metric key must be/],
    ['a bad metric key', { metrics: [{ key: 'a//b', value: 1 }] }, /invalid metric key 'a\/\/b'/],
    ['a string value', { metrics: [{ key: 'a', value: '1.5' }] }, /metric 'a' must have a numeric/],
    ['a null value', { metrics: [{ key: 'a', value: null }] }, /metric 'a' must have a numeric/],
    ['a missing value', { metrics: [{ key: 'a' }] }, /metric 'a' must have a numeric/],
    ['a fractional step', { metrics: [{ key: 'a', value: 1, step: 1.5 }] }, /'a' step must be/],
    ['a string step', { metrics: [{ key: 'a', value: 1, step: '2' }] }, /'a' step must be/],
    ['a null step', { metrics: [{ key: 'a', value: 1, step: null }] }, /'a' step must be/],
    ['a string timestamp', { metrics: [{ key: 'a', value: 1, timestamp: '1' }] }, /timestamp/],
    ['a negative timestamp', { metrics: [{ key: 'a', value: 1, timestamp: -1 }] }, /≥ 0/],
    ['a numeric param value', { params: [{ key: 'lr', value: 0.1 }] }, /param 'lr' value must/],
    ['a long param value', { params: [{ key: 'p', value: 'x'.repeat(6001) }] }, /limit is 6000/],
    ['a missing tag value', { tags: [{ key: 't' }] }, /tag 't' value must be a string/],
    ['a long tag value', { tags: [{ key: 't', value: 'x'.repeat(8001) }] }, /limit is 8000/],
    ['a lone surrogate', { tags: [{ key: 't', value: 'a\uD800' }] }, /not valid Unicode/],
  ])('rejects %s', async (_what, batch, message) => {
    await expectGyreError(
      () => normaliseBatch(loose(batch), NOW),
      'INVALID_PARAMETER_VALUE',
      message,
    );
  });

  it('rejects the whole batch when only its last entry is bad', async () => {
    const batch = loose({
      metrics: metrics(100),
      params: pairs(10),
      tags: [...pairs(10), { key: 'bad', value: 42 }],
    });
    await expectGyreError(() => normaliseBatch(batch, NOW), 'INVALID_PARAMETER_VALUE', /tag 'bad'/);
  });

  it('checks every entry of a key repeated across steps', async () => {
    const history = Array.from({ length: 50 }, (_, step) => ({
      key: 'loss',
      value: 1 / (step + 1),
      step,
    }));
    expect(normaliseBatch({ metrics: history }, NOW).metrics).toHaveLength(50);
    await expectGyreError(
      () =>
        normaliseBatch(
          loose({ metrics: [...history, { key: 'loss', value: '0.1', step: 50 }] }),
          NOW,
        ),
      'INVALID_PARAMETER_VALUE',
      /metric 'loss' must have a numeric value/,
    );
    await expectGyreError(
      () =>
        normaliseBatch(loose({ metrics: [...history, { key: 'loss/', value: 0, step: 0 }] }), NOW),
      'INVALID_PARAMETER_VALUE',
      /invalid metric key 'loss\/'/,
    );
  });
});

describe('logBatch through the tracking service', () => {
  let gyre: Awaited<ReturnType<typeof openTempGyre>>;

  beforeEach(async () => {
    gyre = await openTempGyre();
  });

  afterEach(async () => {
    await gyre.dispose();
  });

  it('writes nothing from a batch with one invalid entry', async () => {
    const run = await gyre.tracking.runs.create();
    await expectGyreError(
      gyre.tracking.runs.logBatch(
        run.info.runId,
        loose({
          metrics: [{ key: 'acc', value: 0.9 }],
          params: [{ key: 'lr', value: '0.1' }],
          tags: [
            { key: 'ok', value: 'x' },
            { key: '/bad', value: 'y' },
          ],
        }),
      ),
      'INVALID_PARAMETER_VALUE',
      /invalid tag key '\/bad'/,
    );
    const after = await gyre.tracking.runs.get(run.info.runId);
    expect(after.data.metrics).toEqual({});
    expect(after.data.params).toEqual({});
    expect(after.data.tags).not.toHaveProperty('ok');
  });

  it('stores a valid batch with defaults applied', async () => {
    const run = await gyre.tracking.runs.create();
    const before = Date.now();
    await gyre.tracking.runs.logBatch(run.info.runId, {
      metrics: [{ key: 'acc', value: Number.NaN }],
      params: [{ key: 'lr', value: '0.1' }],
    });
    const { data } = await gyre.tracking.runs.get(run.info.runId);
    expect(data.params).toEqual({ lr: '0.1' });
    expect(data.metrics.acc).toMatchObject({ key: 'acc', value: Number.NaN, step: 0 });
    expect(data.metrics.acc!.timestamp).toBeGreaterThanOrEqual(before);
    expect(data.metrics.acc!.timestamp).toBeLessThanOrEqual(Date.now());
  });
});
