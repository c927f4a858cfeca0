import { describe, expect, it } from 'vitest';
import { expectGyreError } from '../../testing/expect-gyre-error.js';
import type { NewRun } from '../store.js';
import type { StoreHarness } from '../testing/store-harness.js';

const T0 = 1_700_000_000_000;
let counter = 0;

export function newRunInput(overrides: Partial<NewRun> = {}): NewRun {
  counter += 1;
  return {
    runId: counter.toString(16).padStart(32, '0'),
    experimentId: '0',
    runName: `run-${counter}`,
    userId: 'tester',
    status: 'RUNNING',
    startTime: T0 + counter,
    parentRunId: null,
    tags: {},
    ...overrides,
  };
}

const point = (key: string, value: number, step = 0, timestamp = T0) => ({
  key,
  value,
  step,
  timestamp,
});

export function runCases(h: () => StoreHarness): void {
  describe('runs', () => {
    it('creates a run and reads it back with its tags', async () => {
      const input = newRunInput({ tags: { 'mlflow.source': 'x' } });
      const run = await h().store.runs.create(input);
      expect(run).toEqual({
        info: {
          runId: input.runId,
          experimentId: '0',
          runName: input.runName,
          userId: 'tester',
          status: 'RUNNING',
          startTime: input.startTime,
          endTime: null,
          lifecycleStage: 'active',
          parentRunId: null,
        },
        data: { params: {}, tags: { 'mlflow.source': 'x' }, metrics: {} },
      });
      expect(await h().store.runs.get(input.runId)).toEqual(run);
      expect(await h().store.runs.get('f'.repeat(32))).toBeUndefined();
    });

    it('refuses unknown and deleted experiments and unknown parents', async () => {
      await expectGyreError(
        h().store.runs.create(newRunInput({ experimentId: '4040' })),
        'RESOURCE_DOES_NOT_EXIST',
        /4040/,
      );
      const { experimentId } = await h().store.experiments.create({ name: 'gone', now: T0 });
      await h().store.experiments.markDeleted(experimentId, T0);
      await expectGyreError(
        h().store.runs.create(newRunInput({ experimentId })),
        'INVALID_PARAMETER_VALUE',
        /deleted/,
      );
      await expectGyreError(
        h().store.runs.create(newRunInput({ parentRunId: 'e'.repeat(32) })),
        'RESOURCE_DOES_NOT_EXIST',
        /parent/,
      );
    });

    it('nests a run under a parent', async () => {
      const parent = await h().store.runs.create(newRunInput());
      const child = await h().store.runs.create(newRunInput({ parentRunId: parent.info.runId }));
      expect(child.info.parentRunId).toBe(parent.info.runId);
    });

    it('updates status, end time and name', async () => {
      const { info } = await h().store.runs.create(newRunInput());
      const updated = await h().store.runs.update(info.runId, {
        status: 'FINISHED',
        endTime: T0 + 99,
        runName: 'final',
      });
      expect(updated).toMatchObject({
        status: 'FINISHED',
        endTime: T0 + 99,
        runName: 'final',
        startTime: info.startTime,
      });
      expect(await h().store.runs.update(info.runId, {})).toEqual(updated);
      await expectGyreError(
        h().store.runs.update('d'.repeat(32), { status: 'FAILED' }),
        'RESOURCE_DOES_NOT_EXIST',
      );
    });

    it('soft-deletes and restores, and refuses logging to a deleted run', async () => {
      const { info } = await h().store.runs.create(newRunInput());
      expect((await h().store.runs.markDeleted(info.runId, T0)).lifecycleStage).toBe('deleted');
      expect((await h().store.runs.markDeleted(info.runId, T0)).lifecycleStage).toBe('deleted');
      await expectGyreError(
        h().store.runs.logBatch(info.runId, { metrics: [point('m', 1)], params: [], tags: [] }),
        'INVALID_PARAMETER_VALUE',
        /deleted/,
      );
      expect((await h().store.runs.restore(info.runId)).lifecycleStage).toBe('active');
      await h().store.runs.logBatch(info.runId, { metrics: [point('m', 1)], params: [], tags: [] });
      await expectGyreError(
        h().store.runs.markDeleted('c'.repeat(32), T0),
        'RESOURCE_DOES_NOT_EXIST',
      );
    });

    it('keeps params immutable: same value is a no-op, a different one names both values', async () => {
      const { info } = await h().store.runs.create(newRunInput());
      await h().store.runs.logBatch(info.runId, {
        metrics: [],
        params: [{ key: 'lr', value: '0.1' }],
        tags: [],
      });
      await h().store.runs.logBatch(info.runId, {
        metrics: [],
        params: [{ key: 'lr', value: '0.1' }],
        tags: [],
      });
      await expectGyreError(
        h().store.runs.logBatch(info.runId, {
          metrics: [],
          params: [{ key: 'lr', value: '0.2' }],
          tags: [],
        }),
        'INVALID_PARAMETER_VALUE',
        /'lr'.*'0\.1'.*'0\.2'/,
      );
      await expectGyreError(
        h().store.runs.logBatch(info.runId, {
          metrics: [],
          params: [
            { key: 'depth', value: '3' },
            { key: 'depth', value: '4' },
          ],
          tags: [],
        }),
        'INVALID_PARAMETER_VALUE',
        /twice/,
      );
      expect((await h().store.runs.get(info.runId))!.data.params).toEqual({ lr: '0.1' });
    });

    it('writes a batch all or nothing', async () => {
      const { info } = await h().store.runs.create(newRunInput());
      await h().store.runs.logBatch(info.runId, {
        metrics: [],
        params: [{ key: 'opt', value: 'adam' }],
        tags: [],
      });
      await expectGyreError(
        h().store.runs.logBatch(info.runId, {
          metrics: [point('loss', 0.5)],
          params: [
            { key: 'new', value: '1' },
            { key: 'opt', value: 'sgd' },
          ],
          tags: [{ key: 'team', value: 'x' }],
        }),
        'INVALID_PARAMETER_VALUE',
      );
      const run = (await h().store.runs.get(info.runId))!;
      expect(run.data).toEqual({ params: { opt: 'adam' }, tags: {}, metrics: {} });
      expect(
        await h().store.runs.metricHistory(info.runId, 'loss', { offset: 0, limit: 10 }),
      ).toEqual([]);
    });

    it('stores NaN and ±Infinity exactly', async () => {
      const { info } = await h().store.runs.create(newRunInput());
      const points = [
        point('nan', Number.NaN),
        point('inf', Infinity),
        point('ninf', -Infinity),
        point('tiny', 5e-324),
        point('neg', -1.5),
      ];
      await h().store.runs.logBatch(info.runId, { metrics: points, params: [], tags: [] });
      const { metrics } = (await h().store.runs.get(info.runId))!.data;
      expect(metrics.nan!.value).toBeNaN();
      expect(metrics.inf!.value).toBe(Infinity);
      expect(metrics.ninf!.value).toBe(-Infinity);
      expect(metrics.tiny!.value).toBe(5e-324);
      expect(metrics.neg!.value).toBe(-1.5);
      const history = await h().store.runs.metricHistory(info.runId, 'nan', {
        offset: 0,
        limit: 10,
      });
      expect(history[0]!.value).toBeNaN();
    });

    it('keeps full history and the latest point by step, then timestamp', async () => {
      const { info } = await h().store.runs.create(newRunInput());
      await h().store.runs.logBatch(info.runId, {
        metrics: [
          point('loss', 0.9, 0, T0 + 10),
          point('loss', 0.5, 2, T0 + 5),
          point('loss', 0.7, 1, T0 + 20),
        ],
        params: [],
        tags: [],
      });
      expect((await h().store.runs.get(info.runId))!.data.metrics.loss).toEqual(
        point('loss', 0.5, 2, T0 + 5),
      );
      await h().store.runs.logBatch(info.runId, {
        metrics: [point('loss', 0.4, 1, T0 + 99)],
        params: [],
        tags: [],
      });
      expect((await h().store.runs.get(info.runId))!.data.metrics.loss!.value).toBe(0.5);
      await h().store.runs.logBatch(info.runId, {
        metrics: [point('loss', 0.3, 2, T0 + 6)],
        params: [],
        tags: [],
      });
      expect((await h().store.runs.get(info.runId))!.data.metrics.loss!.value).toBe(0.3);
      const history = await h().store.runs.metricHistory(info.runId, 'loss', {
        offset: 0,
        limit: 100,
      });
      expect(history.map((p) => [p.step, p.value])).toEqual([
        [0, 0.9],
        [1, 0.7],
        [1, 0.4],
        [2, 0.5],
        [2, 0.3],
      ]);
      const page = await h().store.runs.metricHistory(info.runId, 'loss', { offset: 3, limit: 1 });
      expect(page.map((p) => p.value)).toEqual([0.5, 0.3]);
      await expectGyreError(
        h().store.runs.metricHistory('a'.repeat(31) + 'b', 'loss', { offset: 0, limit: 1 }),
        'RESOURCE_DOES_NOT_EXIST',
      );
    });

    it('upserts and deletes tags', async () => {
      const { info } = await h().store.runs.create(newRunInput());
      await h().store.runs.logBatch(info.runId, {
        metrics: [],
        params: [],
        tags: [
          { key: 'a', value: '1' },
          { key: 'a', value: '2' },
          { key: 'b', value: 'x' },
        ],
      });
      expect((await h().store.runs.get(info.runId))!.data.tags).toEqual({ a: '2', b: 'x' });
      await h().store.runs.deleteTag(info.runId, 'a');
      expect((await h().store.runs.get(info.runId))!.data.tags).toEqual({ b: 'x' });
      await expectGyreError(
        h().store.runs.deleteTag(info.runId, 'a'),
        'RESOURCE_DOES_NOT_EXIST',
        /'a'/,
      );
    });

    it('lets exactly one of two connections set a param when they disagree', async () => {
      const { info } = await h().store.runs.create(newRunInput());
      const other = await h().openAnother();
      const results = await Promise.allSettled([
        h().store.runs.logBatch(info.runId, {
          metrics: [],
          params: [{ key: 'seed', value: '1' }],
          tags: [],
        }),
        other.runs.logBatch(info.runId, {
          metrics: [],
          params: [{ key: 'seed', value: '2' }],
          tags: [],
        }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const stored = (await h().store.runs.get(info.runId))!.data.params.seed;
      expect(['1', '2']).toContain(stored);
    });

    it('logs a large batch across several inserts', async () => {
      const { info } = await h().store.runs.create(newRunInput());
      const metrics = Array.from({ length: 2500 }, (_, i) => point(`m${i % 7}`, i, i));
      const params = Array.from({ length: 1200 }, (_, i) => ({ key: `p${i}`, value: String(i) }));
      await h().store.runs.logBatch(info.runId, { metrics, params, tags: [] });
      const run = (await h().store.runs.get(info.runId))!;
      expect(Object.keys(run.data.params)).toHaveLength(1200);
      expect(run.data.metrics.m0!.value).toBe(2499);
      expect(
        await h().store.runs.metricHistory(info.runId, 'm3', { offset: 0, limit: 10_000 }),
      ).toHaveLength(357);
    });
  });
}
