import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildServer, type TypedApp } from '../api/index.js';
import { GyreError } from '../core/errors/index.js';
import { expectGyreError } from '../testing/expect-gyre-error.js';
import { openTempGyre } from '../testing/temp-gyre.js';
import { GyreClient } from './gyre-client.js';

export type ClientMode = 'local' | 'http';

export interface ClientHarness {
  mode: ClientMode;
  gyre: Awaited<ReturnType<typeof openTempGyre>>;
  client: GyreClient;
  /** The server in http mode. */
  app: TypedApp | undefined;
  dispose(): Promise<void>;
}

/** A client over a fresh temp Gyre: in this process (`fromGyre`) or through a real HTTP server. */
export async function openClientHarness(mode: ClientMode): Promise<ClientHarness> {
  const gyre = await openTempGyre();
  if (mode === 'local') {
    const client = GyreClient.fromGyre(gyre);
    return {
      mode,
      gyre,
      client,
      app: undefined,
      async dispose() {
        await client.close();
        await gyre.dispose();
      },
    };
  }
  const app = await buildServer(gyre);
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const client = GyreClient.connect(url);
  return {
    mode,
    gyre,
    client,
    app,
    async dispose() {
      await client.close();
      await app.close();
      await gyre.dispose();
    },
  };
}

/** Experiments, runs, artifacts and error mapping: the same expectations in both modes. */
export function describeClientCases(mode: ClientMode): void {
  describe(`GyreClient (${mode})`, () => {
    let h: ClientHarness;
    beforeEach(async () => {
      h = await openClientHarness(mode);
    });
    afterEach(() => h.dispose());

    it('names its target', () => {
      expect(h.client.target).toMatch(mode === 'local' ? /^local:sqlite:\// : /^http:\/\/127/);
    });

    it('creates, finds, renames, tags, deletes and restores experiments', async () => {
      const { experiments } = h.client;
      const created = await experiments.create({ name: 'fraud', tags: { team: 'risk' } });
      expect(created).toEqual({
        experimentId: expect.stringMatching(/^\d+$/),
        name: 'fraud',
        lifecycleStage: 'active',
        creationTime: expect.any(Number),
        lastUpdateTime: expect.any(Number),
        tags: { team: 'risk' },
      });
      const id = created.experimentId;
      expect(await experiments.get(id)).toEqual(created);
      expect(await experiments.getByName('fraud')).toEqual(created);
      expect((await experiments.resolve(id)).name).toBe('fraud');
      expect((await experiments.resolve('fraud')).experimentId).toBe(id);

      expect((await experiments.rename(id, 'fraud-v2')).name).toBe('fraud-v2');
      await experiments.setTag(id, 'owner', 'ana');
      expect((await experiments.get(id)).tags).toEqual({ team: 'risk', owner: 'ana' });
      await experiments.deleteTag(id, 'team');
      expect((await experiments.get(id)).tags).toEqual({ owner: 'ana' });

      expect((await experiments.delete(id)).lifecycleStage).toBe('deleted');
      expect((await experiments.search()).items.map((e) => e.name)).toEqual(['Default']);
      expect((await experiments.search({ view: 'DELETED_ONLY' })).items.map((e) => e.name)).toEqual(
        ['fraud-v2'],
      );
      expect((await experiments.restore(id)).lifecycleStage).toBe('active');
    });

    it('searches experiments with filter, order and pages', async () => {
      for (const name of ['b', 'a', 'c']) await h.client.experiments.create({ name });
      const query = { filter: "name != 'Default'", orderBy: ['name ASC'], maxResults: 2 };
      const first = await h.client.experiments.search(query);
      expect(first.items.map((e) => e.name)).toEqual(['a', 'b']);
      const second = await h.client.experiments.search({
        ...query,
        pageToken: first.nextPageToken,
      });
      expect(second.items.map((e) => e.name)).toEqual(['c']);
      expect(second.nextPageToken).toBeUndefined();
    });

    it('creates, updates, deletes, restores and searches runs', async () => {
      const { runs } = h.client;
      const experiment = await h.client.experiments.create({ name: 'e' });
      const run = await runs.create({
        experimentId: experiment.experimentId,
        runName: 'first',
        tags: { a: '1' },
        startTime: 1000,
        userId: 'ana',
      });
      expect(run.info).toEqual({
        runId: expect.stringMatching(/^[0-9a-f]{32}$/),
        experimentId: experiment.experimentId,
        runName: 'first',
        userId: 'ana',
        status: 'RUNNING',
        startTime: 1000,
        endTime: null,
        lifecycleStage: 'active',
        parentRunId: null,
      });
      const id = run.info.runId;
      expect(await runs.get(id)).toEqual(run);

      const finished = await runs.update(id, { status: 'FINISHED', runName: 'renamed' });
      expect(finished).toMatchObject({ status: 'FINISHED', runName: 'renamed' });
      expect(finished.endTime).toEqual(expect.any(Number));
      expect((await runs.delete(id)).lifecycleStage).toBe('deleted');
      expect((await runs.search()).items).toEqual([]);
      expect((await runs.restore(id)).lifecycleStage).toBe('active');

      await runs.logBatch(id, {
        metrics: [{ key: 'acc', value: 0.9, step: 1, timestamp: 5 }],
        params: [{ key: 'opt', value: 'adam' }],
      });
      const other = await runs.create({ experimentId: experiment.experimentId, runName: 'second' });
      await runs.logMetric(other.info.runId, { key: 'acc', value: 0.5 });
      const page = await runs.search({
        experimentIds: [experiment.experimentId],
        filter: 'metrics.acc > 0.1',
        orderBy: ['metrics.acc DESC'],
        maxResults: 1,
      });
      expect(page.items.map((r) => r.info.runName)).toEqual(['renamed']);
      expect(page.items[0]!.data).toEqual({
        params: { opt: 'adam' },
        tags: { a: '1' },
        metrics: { acc: { key: 'acc', value: 0.9, step: 1, timestamp: 5 } },
      });
      const next = await runs.search({
        experimentIds: [experiment.experimentId],
        filter: 'metrics.acc > 0.1',
        orderBy: ['metrics.acc DESC'],
        maxResults: 1,
        pageToken: page.nextPageToken,
      });
      expect(next.items.map((r) => r.info.runName)).toEqual(['second']);
    });

    it('logs params and tags, and pages metric history with NaN and ±Infinity', async () => {
      const { runs } = h.client;
      const id = (await runs.create()).info.runId;
      await runs.logParam(id, 'lr', '0.1');
      await runs.setTag(id, 'note', 'x');
      await runs.deleteTag(id, 'note');
      const values = [0.5, NaN, Infinity, -Infinity, -0.25];
      await runs.logBatch(id, {
        metrics: values.map((value, step) => ({ key: 'm', value, step, timestamp: 100 + step })),
      });
      const first = await runs.metricHistory(id, 'm', { maxResults: 3 });
      expect(first.items.map((p) => p.value)).toEqual([0.5, NaN, Infinity]);
      expect(first.items[1]).toEqual({ key: 'm', value: NaN, step: 1, timestamp: 101 });
      const rest = await runs.metricHistory(id, 'm', {
        maxResults: 3,
        pageToken: first.nextPageToken,
      });
      expect(rest.items.map((p) => p.value)).toEqual([-Infinity, -0.25]);
      expect(rest.nextPageToken).toBeUndefined();
      const run = await runs.get(id);
      expect(run.data.params).toEqual({ lr: '0.1' });
      expect(run.data.tags).toEqual({});
      expect(run.data.metrics.m!.value).toBe(-0.25);
    });

    it('maps failures to GyreError codes', async () => {
      const { experiments, runs } = h.client;
      await experiments.create({ name: 'dup' });
      await expectGyreError(experiments.create({ name: 'dup' }), 'RESOURCE_ALREADY_EXISTS', /dup/);
      await expectGyreError(experiments.get('999'), 'RESOURCE_DOES_NOT_EXIST', /999/);
      await expectGyreError(experiments.resolve('ghost'), 'RESOURCE_DOES_NOT_EXIST', /ghost/);
      await expectGyreError(runs.get('0'.repeat(32)), 'RESOURCE_DOES_NOT_EXIST');
      await expectGyreError(
        runs.search({ filter: 'metrics.acc >> 1' }),
        'INVALID_PARAMETER_VALUE',
        /position 14/,
      );
      const id = (await runs.create()).info.runId;
      await runs.logParam(id, 'lr', '0.1');
      await expectGyreError(
        runs.logParam(id, 'lr', '0.2'),
        'INVALID_PARAMETER_VALUE',
        /'0\.1'.*'0\.2'/,
      );
      await expectGyreError(
        runs.logMetric(id, { key: 'k'.repeat(251), value: 1 }),
        'INVALID_PARAMETER_VALUE',
        /250/,
      );
      await expectGyreError(runs.create({ experimentId: '999' }), 'RESOURCE_DOES_NOT_EXIST');
      const thrown = await runs.get('nope').catch((error: unknown) => error);
      expect(thrown).toBeInstanceOf(GyreError);
    });
  });
}
