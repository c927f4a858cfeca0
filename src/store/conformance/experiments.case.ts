import { describe, expect, it } from 'vitest';
import { expectGyreError } from '../../testing/expect-gyre-error.js';
import { parseFilter, parseOrderBy, experimentFilterSchema } from '../query/index.js';
import type { StoreHarness } from '../testing/store-harness.js';

// Later than the Default experiment's creation time, so ordering by creation time is predictable.
const T0 = 4_000_000_000_000;

export function experimentCases(h: () => StoreHarness): void {
  describe('experiments', () => {
    it('has a Default experiment with id 0', async () => {
      const experiment = await h().store.experiments.get('0');
      expect(experiment).toMatchObject({
        experimentId: '0',
        name: 'Default',
        lifecycleStage: 'active',
        tags: {},
      });
      expect(await h().store.experiments.getByName('Default')).toEqual(experiment);
    });

    it('creates and reads back an experiment with tags', async () => {
      const created = await h().store.experiments.create({
        name: 'fraud',
        tags: { team: 'risk' },
        now: T0,
      });
      expect(created).toEqual({
        experimentId: created.experimentId,
        name: 'fraud',
        lifecycleStage: 'active',
        creationTime: T0,
        lastUpdateTime: T0,
        tags: { team: 'risk' },
      });
      expect(created.experimentId).toMatch(/^[1-9]\d*$/);
      expect(await h().store.experiments.get(created.experimentId)).toEqual(created);
      expect(await h().store.experiments.getByName('fraud')).toEqual(created);
    });

    it('returns undefined for unknown or malformed ids and names', async () => {
      expect(await h().store.experiments.get('424242')).toBeUndefined();
      expect(await h().store.experiments.get('not-a-number')).toBeUndefined();
      expect(await h().store.experiments.getByName('nope')).toBeUndefined();
    });

    it('refuses a taken name, including the name of a deleted experiment', async () => {
      const first = await h().store.experiments.create({ name: 'churn', now: T0 });
      await expectGyreError(
        h().store.experiments.create({ name: 'churn', now: T0 }),
        'RESOURCE_ALREADY_EXISTS',
        /churn/,
      );
      await h().store.experiments.markDeleted(first.experimentId, T0 + 1);
      await expectGyreError(
        h().store.experiments.create({ name: 'churn', now: T0 }),
        'RESOURCE_ALREADY_EXISTS',
        /deleted; restore/,
      );
    });

    it('creates exactly one experiment when two connections race for a name', async () => {
      const other = await h().openAnother();
      const results = await Promise.allSettled([
        h().store.experiments.create({ name: 'race', now: T0 }),
        other.experiments.create({ name: 'race', now: T0 }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.find((r) => r.status === 'rejected');
      expect((rejected!.reason as { code: string }).code).toBe('RESOURCE_ALREADY_EXISTS');
    });

    it('renames, refusing a name another experiment holds', async () => {
      const a = await h().store.experiments.create({ name: 'a', now: T0 });
      await h().store.experiments.create({ name: 'b', now: T0 });
      const renamed = await h().store.experiments.rename(a.experimentId, 'a2', T0 + 5);
      expect(renamed).toMatchObject({ name: 'a2', lastUpdateTime: T0 + 5, creationTime: T0 });
      await expectGyreError(
        h().store.experiments.rename(a.experimentId, 'b', T0),
        'RESOURCE_ALREADY_EXISTS',
      );
      await expectGyreError(
        h().store.experiments.rename('9999', 'zz', T0),
        'RESOURCE_DOES_NOT_EXIST',
      );
      expect(await h().store.experiments.rename(a.experimentId, 'a2', T0 + 6)).toMatchObject({
        name: 'a2',
      });
    });

    it('sets, replaces and deletes tags', async () => {
      const { experimentId } = await h().store.experiments.create({ name: 'tagged', now: T0 });
      await h().store.experiments.setTag(experimentId, 'owner', 'ana', T0 + 1);
      await h().store.experiments.setTag(experimentId, 'owner', 'bo', T0 + 2);
      await h().store.experiments.setTag(experimentId, 'note', 'x', T0 + 3);
      expect(await h().store.experiments.get(experimentId)).toMatchObject({
        tags: { owner: 'bo', note: 'x' },
        lastUpdateTime: T0 + 3,
      });
      await h().store.experiments.deleteTag(experimentId, 'owner', T0 + 4);
      expect((await h().store.experiments.get(experimentId))!.tags).toEqual({ note: 'x' });
      await expectGyreError(
        h().store.experiments.deleteTag(experimentId, 'owner', T0),
        'RESOURCE_DOES_NOT_EXIST',
        /owner/,
      );
      await expectGyreError(
        h().store.experiments.setTag('777', 'k', 'v', T0),
        'RESOURCE_DOES_NOT_EXIST',
      );
    });

    it('soft-deletes with its runs and restores only the runs that deletion took', async () => {
      const { experimentId } = await h().store.experiments.create({ name: 'soft', now: T0 });
      const newRun = (runId: string) =>
        h().store.runs.create({
          runId,
          experimentId,
          runName: runId,
          userId: 'u',
          status: 'RUNNING',
          startTime: T0,
          parentRunId: null,
          tags: {},
        });
      await newRun('a'.repeat(32));
      await newRun('b'.repeat(32));
      await h().store.runs.markDeleted('b'.repeat(32), T0 + 1);
      const deleted = await h().store.experiments.markDeleted(experimentId, T0 + 2);
      expect(deleted.lifecycleStage).toBe('deleted');
      expect((await h().store.runs.get('a'.repeat(32)))!.info.lifecycleStage).toBe('deleted');
      const restored = await h().store.experiments.restore(experimentId, T0 + 3);
      expect(restored.lifecycleStage).toBe('active');
      expect((await h().store.runs.get('a'.repeat(32)))!.info.lifecycleStage).toBe('active');
      expect((await h().store.runs.get('b'.repeat(32)))!.info.lifecycleStage).toBe('deleted');
      await expectGyreError(
        h().store.experiments.restore(experimentId, T0),
        'INVALID_PARAMETER_VALUE',
        /not deleted/,
      );
    });

    it('searches by view, filter and order, a page at a time', async () => {
      for (const [i, name] of ['alpha', 'beta', 'Gamma', 'alps'].entries()) {
        const e = await h().store.experiments.create({
          name,
          tags: { lang: i % 2 === 0 ? 'ts' : 'py' },
          now: T0 + i,
        });
        if (name === 'beta') await h().store.experiments.markDeleted(e.experimentId, T0 + 10);
      }
      const names = async (
        view: 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL',
        filter?: string,
        orderBy?: string[],
      ) =>
        (
          await h().store.experiments.search({
            view,
            filter: parseFilter(filter, experimentFilterSchema),
            orderBy: parseOrderBy(orderBy, experimentFilterSchema),
            offset: 0,
            limit: 100,
          })
        ).map((e) => e.name);
      expect(await names('ACTIVE_ONLY')).toEqual(['alps', 'Gamma', 'alpha', 'Default']);
      expect(await names('DELETED_ONLY')).toEqual(['beta']);
      expect(await names('ALL', "name LIKE 'al%'", ['name ASC'])).toEqual(['alpha', 'alps']);
      expect(await names('ALL', "name ILIKE 'g%'")).toEqual(['Gamma']);
      expect(await names('ALL', "tags.lang = 'ts' and creation_time >= " + (T0 + 1))).toEqual([
        'Gamma',
      ]);
      expect(await names('ACTIVE_ONLY', undefined, ['name DESC'])).toEqual([
        'alps',
        'alpha',
        'Gamma',
        'Default',
      ]);
      const page = await h().store.experiments.search({ view: 'ALL', offset: 1, limit: 2 });
      expect(page.map((e) => e.name)).toEqual(['Gamma', 'beta', 'alpha']);
    });
  });
}
