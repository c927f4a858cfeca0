import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GyreError } from '../core/errors/index.js';
import { expectGyreError } from '../testing/expect-gyre-error.js';
import { readAll } from '../testing/read-tar.js';
import type { ActiveRun } from './active-run.js';
import { openClientHarness, type ClientHarness, type ClientMode } from './client.case.js';

/** startRun, withRun and ActiveRun's background batching: the same expectations in both modes. */
export function describeActiveRunCases(mode: ClientMode): void {
  describe(`ActiveRun (${mode})`, () => {
    let h: ClientHarness;
    beforeEach(async () => {
      h = await openClientHarness(mode);
    });
    afterEach(() => h.dispose());

    /** Points stored for a metric, as another reader sees them (straight from the store). */
    const stored = async (run: ActiveRun, key = 'loss') =>
      (await h.gyre.tracking.runs.metricHistory(run.runId, key)).items.length;

    it('startRun creates a named experiment that does not exist yet, and reuses it', async () => {
      const run = await h.client.startRun({
        experiment: 'new-name',
        runName: 'r1',
        tags: { t: 'v' },
      });
      const experiment = await h.gyre.tracking.experiments.getByName('new-name');
      expect(run.run.info).toMatchObject({
        experimentId: experiment.experimentId,
        runName: 'r1',
        status: 'RUNNING',
      });
      expect(run.run.data.tags).toEqual({ t: 'v' });
      const again = await h.client.startRun({ experiment: 'new-name' });
      expect(again.run.info.experimentId).toBe(experiment.experimentId);
      const byId = await h.client.startRun({ experiment: experiment.experimentId });
      expect(byId.run.info.experimentId).toBe(experiment.experimentId);
      const child = await h.client.startRun({ parentRunId: run.runId });
      expect(child.run.info).toMatchObject({ experimentId: '0', parentRunId: run.runId });
      for (const r of [run, again, byId, child]) await r.end();
      const names = (await h.gyre.tracking.experiments.search()).items.map((e) => e.name);
      expect(names.sort()).toEqual(['Default', 'new-name']);
    });

    it('buffers metrics and sends them in batches of batchSize', async () => {
      const run = await h.client.startRun({ batchSize: 3, flushIntervalMs: 60_000 });
      run.logMetric('loss', 1, { step: 0 });
      run.logMetric('loss', 2, { step: 1 });
      expect(run.pendingMetrics).toBe(2);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await stored(run)).toBe(0);

      for (let step = 2; step < 5; step += 1) run.logMetric('loss', step + 1, { step });
      // The third point filled a batch (sent in the background); points 4-5 wait for the next.
      await vi.waitFor(async () => expect(await stored(run)).toBe(3));
      expect(run.pendingMetrics).toBe(2);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await stored(run)).toBe(3);

      await run.flush();
      expect(run.pendingMetrics).toBe(0);
      const history = await h.client.runs.metricHistory(run.runId, 'loss');
      expect(history.items.map((p) => [p.step, p.value])).toEqual([
        [0, 1],
        [1, 2],
        [2, 3],
        [3, 4],
        [4, 5],
      ]);
      await run.end();
    });

    it('sends buffered metrics after flushIntervalMs without a flush', async () => {
      const run = await h.client.startRun({ batchSize: 1000, flushIntervalMs: 50 });
      run.logMetrics({ loss: 0.5, acc: 0.9 }, { step: 3 });
      await vi.waitFor(async () => {
        expect(await stored(run, 'loss')).toBe(1);
        expect(await stored(run, 'acc')).toBe(1);
      });
      await run.end();
    });

    it('flush() waits for every buffered point, across many batches', async () => {
      const run = await h.client.startRun({ batchSize: 7, flushIntervalMs: 60_000 });
      for (let step = 0; step < 50; step += 1) run.logMetric('loss', step / 100, { step });
      await run.flush();
      expect(run.pendingMetrics).toBe(0);
      expect(await stored(run)).toBe(50);
      const latest = (await h.client.runs.get(run.runId)).data.metrics.loss;
      expect(latest).toMatchObject({ step: 49, value: 0.49 });
      await run.end();
    });

    it('end() flushes, sets FINISHED and the end time, and closes the run', async () => {
      const run = await h.client.startRun({ flushIntervalMs: 60_000 });
      run.logMetric('loss', NaN);
      await run.logParam('lr', 0.1);
      await run.logParams({ epochs: 3, shuffle: true });
      await run.setTag('stage', 'dev');
      const ended = await run.end();
      expect(ended.info.status).toBe('FINISHED');
      expect(ended.info.endTime).toEqual(expect.any(Number));
      expect(ended.info.endTime).toBeGreaterThanOrEqual(ended.info.startTime);
      expect(ended.data.params).toEqual({ lr: '0.1', epochs: '3', shuffle: 'true' });
      expect(ended.data.tags).toEqual({ stage: 'dev' });
      expect(ended.data.metrics.loss!.value).toBeNaN();
      expect((await run.end('FAILED')).info.status).toBe('FINISHED');
      expect(() => run.logMetric('loss', 1)).toThrow(/has ended/);
      await expectGyreError(run.setTag('a', 'b'), 'INVALID_STATE');
    });

    it('withRun returns the result and finishes the run', async () => {
      let id = '';
      const result = await h.client.withRun({ runName: 'ok' }, (run) => {
        id = run.runId;
        run.logMetric('acc', 1);
        return Promise.resolve(42);
      });
      expect(result).toBe(42);
      const run = await h.client.runs.get(id);
      expect(run.info.status).toBe('FINISHED');
      expect(run.data.metrics.acc!.value).toBe(1);
    });

    it('withRun marks the run FAILED and rethrows the error', async () => {
      let id = '';
      const boom = new Error('boom');
      await expect(
        h.client.withRun({ experiment: 'fails' }, async (run) => {
          id = run.runId;
          run.logMetric('loss', 3);
          await Promise.resolve();
          throw boom;
        }),
      ).rejects.toBe(boom);
      const run = await h.client.runs.get(id);
      expect(run.info.status).toBe('FAILED');
      expect(run.info.endTime).toEqual(expect.any(Number));
      expect(run.data.metrics.loss!.value).toBe(3);
    });

    it('throws synchronously for invalid metric keys, values and steps', async () => {
      const run = await h.client.startRun({ flushIntervalMs: 60_000 });
      const sync = (action: () => void, pattern: RegExp) => {
        let thrown: unknown;
        try {
          action();
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(GyreError);
        expect((thrown as GyreError).code).toBe('INVALID_PARAMETER_VALUE');
        expect((thrown as GyreError).message).toMatch(pattern);
      };
      sync(() => run.logMetric('bad key!', 1), /bad key!/);
      sync(() => run.logMetric('', 1), /non-empty/);
      sync(() => run.logMetric('a/../b', 1), /'\.\.'/);
      sync(() => run.logMetric('k'.repeat(251), 1), /250/);
      sync(() => run.logMetric('ok', '1' as unknown as number), /numeric/);
      sync(() => run.logMetric('ok', 1, { step: 1.5 }), /step/);
      sync(() => run.logMetric('ok', 1, { timestamp: -1 }), /timestamp/);
      expect(run.pendingMetrics).toBe(0);
      await run.end();
      expect((await h.client.runs.get(run.runId)).data.metrics).toEqual({});
    });

    it('surfaces a batch the server refused from flush(), once', async () => {
      const run = await h.client.startRun({ flushIntervalMs: 60_000 });
      run.logMetric('loss', 1);
      await h.client.runs.delete(run.runId);
      await expectGyreError(
        run.flush(),
        'INVALID_PARAMETER_VALUE',
        /1 metric points could not be logged to run .*deleted/,
      );
      await run.flush();
      await h.client.runs.restore(run.runId);
      expect(await stored(run)).toBe(0);
    });

    it('surfaces a batch the server refused from end()', async () => {
      const run = await h.client.startRun({ flushIntervalMs: 60_000 });
      run.logMetric('loss', 1);
      run.logMetric('loss', 2);
      await h.client.runs.delete(run.runId);
      await expectGyreError(run.end(), 'INVALID_PARAMETER_VALUE', /2 metric points/);
    });

    it('uploads a local file as an artifact', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'gyre-art-'));
      try {
        const file = join(dir, 'weights.bin');
        writeFileSync(file, Buffer.from([1, 2, 3]));
        const run = await h.client.startRun();
        expect((await run.logArtifact(file)).path).toBe('weights.bin');
        expect((await run.logArtifact(file, 'model/w.bin')).size).toBe(3);
        const { content } = await h.client.artifacts.open(run.runId, 'model/w.bin');
        expect([...(await readAll(content))]).toEqual([1, 2, 3]);
        await run.end();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
