import { beforeEach, describe, expect, it } from 'vitest';
import { expectGyreError } from '../../testing/expect-gyre-error.js';
import { parseFilter, parseOrderBy, runFilterSchema } from '../query/index.js';
import type { RunQuery } from '../store.js';
import type { StoreHarness } from '../testing/store-harness.js';
import { newRunInput } from './runs.case.js';

const T0 = 1_700_000_000_000;

interface Seed {
  name: string;
  acc?: number;
  lr?: string;
  team?: string;
  status?: 'RUNNING' | 'FINISHED' | 'FAILED';
  experiment?: 'a' | 'b';
}

const seeds: Seed[] = [
  { name: 'r1', acc: 0.95, lr: '0.1', team: 'Vision', status: 'FINISHED', experiment: 'a' },
  { name: 'r2', acc: 0.85, lr: '0.01', team: 'vision', status: 'FINISHED', experiment: 'a' },
  { name: 'r3', acc: Number.NaN, lr: '0.1', team: 'nlp', status: 'FAILED', experiment: 'b' },
  { name: 'r4', lr: '0.001', status: 'RUNNING', experiment: 'b' },
  { name: 'r5', acc: 0.99, team: 'vis%on', status: 'FINISHED', experiment: 'a' },
];

export function runSearchCases(h: () => StoreHarness): void {
  describe('run search', () => {
    const experiments: Record<string, string> = {};

    beforeEach(async () => {
      for (const name of ['a', 'b'])
        experiments[name] = (await h().store.experiments.create({ name, now: T0 })).experimentId;
      for (const [i, seed] of seeds.entries()) {
        const run = await h().store.runs.create(
          newRunInput({
            runName: seed.name,
            experimentId: experiments[seed.experiment ?? 'a'],
            startTime: T0 + i * 10,
            status: seed.status,
          }),
        );
        await h().store.runs.logBatch(run.info.runId, {
          metrics:
            seed.acc === undefined ? [] : [{ key: 'acc', value: seed.acc, step: 0, timestamp: T0 }],
          params: seed.lr === undefined ? [] : [{ key: 'lr', value: seed.lr }],
          tags: seed.team === undefined ? [] : [{ key: 'team', value: seed.team }],
        });
      }
    });

    const names = async (filter?: string, orderBy?: string[], extra: Partial<RunQuery> = {}) =>
      (
        await h().store.runs.search({
          view: 'ACTIVE_ONLY',
          filter: parseFilter(filter, runFilterSchema),
          orderBy: parseOrderBy(orderBy, runFilterSchema),
          offset: 0,
          limit: 100,
          ...extra,
        })
      ).map((run) => run.info.runName);

    it('orders by start time, newest first, by default', async () => {
      expect(await names()).toEqual(['r5', 'r4', 'r3', 'r2', 'r1']);
    });

    it('compares metrics numerically and never matches NaN', async () => {
      expect(await names('metrics.acc > 0.9')).toEqual(['r5', 'r1']);
      expect(await names('metrics.acc <= 0.85')).toEqual(['r2']);
      expect(await names('metrics.acc != 0.85')).toEqual(['r5', 'r1']);
    });

    it('matches params and tags by =, !=, IN and NOT IN', async () => {
      expect(await names("params.lr = '0.1'")).toEqual(['r3', 'r1']);
      expect(await names("params.lr != '0.1'")).toEqual(['r4', 'r2']);
      expect(await names("params.lr IN ('0.01', '0.001')")).toEqual(['r4', 'r2']);
      expect(await names("params.lr NOT IN ('0.1')")).toEqual(['r4', 'r2']);
    });

    it('makes LIKE case-sensitive and ILIKE not, with literal metacharacters', async () => {
      expect(await names("tags.team LIKE 'vis%'")).toEqual(['r5', 'r2']);
      expect(await names("tags.team ILIKE 'VIS%'")).toEqual(['r5', 'r2', 'r1']);
      expect(await names("tags.team LIKE 'vis_on'")).toEqual(['r5', 'r2']);
      expect(await names("tags.team LIKE '*'")).toEqual([]);
    });

    it('combines with AND, OR and parentheses', async () => {
      expect(await names("metrics.acc > 0.9 or params.lr = '0.001'")).toEqual(['r5', 'r4', 'r1']);
      expect(
        await names(
          "(metrics.acc > 0.9 or params.lr = '0.001') and attributes.status = 'FINISHED'",
        ),
      ).toEqual(['r5', 'r1']);
      expect(
        await names(
          "metrics.acc > 0.9 or (params.lr = '0.001' and attributes.status = 'FINISHED')",
        ),
      ).toEqual(['r5', 'r1']);
    });

    it('filters by attributes and presence', async () => {
      expect(await names("status IN ('FAILED', 'RUNNING')")).toEqual(['r4', 'r3']);
      expect(await names(`attributes.start_time >= ${T0 + 20}`)).toEqual(['r5', 'r4', 'r3']);
      expect(await names("run_name LIKE 'r%' and attributes.run_name != 'r1'")).toEqual([
        'r5',
        'r4',
        'r3',
        'r2',
      ]);
      expect(await names('tags.team IS NULL')).toEqual(['r4']);
      expect(await names('metrics.acc IS NOT NULL')).toEqual(['r5', 'r3', 'r2', 'r1']);
      expect(await names(`attributes.experiment_id = '${experiments.b}'`)).toEqual(['r4', 'r3']);
    });

    it('restricts to experiments and views', async () => {
      expect(await names(undefined, undefined, { experimentIds: [experiments.b!] })).toEqual([
        'r4',
        'r3',
      ]);
      expect(await names(undefined, undefined, { experimentIds: ['999999', 'junk'] })).toEqual([]);
      const [r4] = await h().store.runs.search({
        view: 'ALL',
        filter: parseFilter("run_name = 'r4'", runFilterSchema),
        offset: 0,
        limit: 1,
      });
      await h().store.runs.markDeleted(r4!.info.runId, T0);
      expect(await names()).toEqual(['r5', 'r3', 'r2', 'r1']);
      expect(await names(undefined, undefined, { view: 'DELETED_ONLY' })).toEqual(['r4']);
      expect(await names(undefined, undefined, { view: 'ALL' })).toHaveLength(5);
    });

    it('orders by metrics with missing last and NaN after numbers, in both directions', async () => {
      expect(await names(undefined, ['metrics.acc DESC'])).toEqual(['r5', 'r1', 'r2', 'r3', 'r4']);
      expect(await names(undefined, ['metrics.acc'])).toEqual(['r2', 'r1', 'r5', 'r3', 'r4']);
    });

    it('orders by a metric the filter requires exactly as by any other', async () => {
      expect(await names('metrics.acc > 0.8', ['metrics.acc DESC'])).toEqual(['r5', 'r1', 'r2']);
      expect(await names('metrics.acc > 0.8', ['metrics.acc ASC'])).toEqual(['r2', 'r1', 'r5']);
      expect(await names("params.lr IN ('0.1', '0.01')", ['params.lr DESC', 'run_name'])).toEqual([
        'r1',
        'r3',
        'r2',
      ]);
      // OR does not guarantee the key: runs without it still come, last.
      expect(await names("metrics.acc > 0.9 or params.lr = '0.001'", ['metrics.acc DESC'])).toEqual(
        ['r5', 'r1', 'r4'],
      );
      expect(await names('metrics.acc IS NOT NULL', ['metrics.acc DESC'])).toEqual([
        'r5',
        'r1',
        'r2',
        'r3',
      ]);
    });

    it('orders by params, tags and attributes, with several terms', async () => {
      expect(await names(undefined, ['params.lr ASC', 'attributes.run_name DESC'])).toEqual([
        'r4',
        'r2',
        'r3',
        'r1',
        'r5',
      ]);
      expect(await names(undefined, ['tags.team'])).toEqual(['r1', 'r3', 'r5', 'r2', 'r4']);
      expect(await names(undefined, ['start_time ASC'])).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
    });

    it('pages with offset and returns one extra row when more exist', async () => {
      expect(await names(undefined, undefined, { offset: 0, limit: 2 })).toEqual([
        'r5',
        'r4',
        'r3',
      ]);
      expect(await names(undefined, undefined, { offset: 4, limit: 2 })).toEqual(['r1']);
    });

    it('treats quotes in values as data, never as SQL', async () => {
      expect(await names("params.lr = '0.1'' or ''1''=''1'")).toEqual([]);
      expect(await names("tags.team = 'x\\' or 1=1 --'")).toEqual([]);
    });

    it('returns params, tags and latest metrics with each run', async () => {
      const [run] = await h().store.runs.search({
        view: 'ALL',
        filter: parseFilter("run_name = 'r1'", runFilterSchema),
        offset: 0,
        limit: 10,
      });
      expect(run!.data).toEqual({
        params: { lr: '0.1' },
        tags: { team: 'Vision' },
        metrics: { acc: { key: 'acc', value: 0.95, step: 0, timestamp: T0 } },
      });
    });

    it('rejects ids that are not experiment ids', async () => {
      await expectGyreError(
        names("attributes.experiment_id = 'abc'"),
        'INVALID_PARAMETER_VALUE',
        /numeric/,
      );
    });
  });
}
