import { describe, expect, it } from 'vitest';
import { expectGyreError } from '../../testing/expect-gyre-error.js';
import type { NewDatasetVersion } from '../dataset-model.js';
import type { StoreHarness } from '../testing/store-harness.js';

const T0 = 1_700_000_000_000;
const digestOf = (char: string) => char.repeat(64);

let distinct = 0;

/** A new version's fields; each call has other bytes unless `digest` is given. */
function newDatasetVersion(overrides: Partial<NewDatasetVersion> = {}): NewDatasetVersion {
  distinct += 1;
  return {
    name: 'flights',
    digest: distinct.toString(16).padStart(64, '0'),
    size: 1234,
    rowCount: 10,
    format: 'csv',
    source: 'flights.csv',
    description: '',
    userId: 'ana',
    schema: { columns: [{ name: 'delay', type: 'integer', nullable: false }] },
    profile: { version: 1, row_count: 10, columns: [{ name: 'delay', mean: 1.5 }] },
    spec: null,
    tags: {},
    ...overrides,
  };
}

export function datasetCases(h: () => StoreHarness): void {
  describe('datasets', () => {
    it('creates the dataset with its first version and numbers later ones max+1', async () => {
      const datasets = h().store.datasets;
      const { version: first, created } = await datasets.createVersion(
        newDatasetVersion({
          digest: digestOf('a'),
          tags: { team: 'ops', origin: 'bts' },
          description: 'January',
        }),
        T0,
      );
      expect(created).toBe(true);
      expect(first).toEqual({
        name: 'flights',
        version: 1,
        digest: digestOf('a'),
        size: 1234,
        rowCount: 10,
        format: 'csv',
        source: 'flights.csv',
        description: 'January',
        userId: 'ana',
        creationTime: T0,
        schema: { columns: [{ name: 'delay', type: 'integer', nullable: false }] },
        spec: null,
        tags: { team: 'ops', origin: 'bts' },
        aliases: [],
      });
      const spec = { columns: { delay: { min: -60 } } };
      const { version: second } = await datasets.createVersion(
        newDatasetVersion({ digest: digestOf('b'), spec }),
        T0 + 5,
      );
      expect(second).toMatchObject({ version: 2, digest: digestOf('b'), spec, tags: {} });
      expect(await datasets.get('flights', 1)).toEqual(first);
      expect((await datasets.latest('flights'))?.version).toBe(2);
      expect(await datasets.get('flights', 3)).toBeUndefined();
      expect(await datasets.get('nope', 1)).toBeUndefined();
      expect(await datasets.latest('nope')).toBeUndefined();
    });

    it('keeps the profile apart and returns it verbatim', async () => {
      const profile = {
        version: 1,
        row_count: 3,
        columns: [{ name: 'x', sample: [1.5, -2, 1e300] }],
      };
      await h().store.datasets.createVersion(newDatasetVersion({ profile }), T0);
      expect(await h().store.datasets.profile('flights', 1)).toEqual(profile);
      expect(await h().store.datasets.profile('flights', 2)).toBeUndefined();
      expect(await h().store.datasets.get('flights', 1)).not.toHaveProperty('profile');
    });

    it('lists datasets by name and versions newest first, one row beyond the window', async () => {
      const datasets = h().store.datasets;
      for (const [i, name] of ['weather', 'flights', 'cars', 'flights'].entries())
        await datasets.createVersion(newDatasetVersion({ name }), T0 + i);
      const all = await datasets.list({ offset: 0, limit: 10 });
      expect(all.map((d) => [d.name, d.latestVersion, d.versionCount])).toEqual([
        ['cars', 1, 1],
        ['flights', 2, 2],
        ['weather', 1, 1],
      ]);
      expect(all[1]).toMatchObject({ creationTime: T0 + 1, lastUpdateTime: T0 + 3, aliases: {} });
      expect((await datasets.list({ offset: 1, limit: 1 })).map((d) => d.name)).toEqual([
        'flights',
        'weather',
      ]);
      expect(
        (await datasets.versions('flights', { offset: 0, limit: 5 })).map((v) => v.version),
      ).toEqual([2, 1]);
      expect(
        (await datasets.versions('flights', { offset: 1, limit: 5 })).map((v) => v.version),
      ).toEqual([1]);
      expect(await datasets.versions('nope', { offset: 0, limit: 5 })).toEqual([]);
    });

    it('finds every version holding the same bytes, across datasets', async () => {
      const datasets = h().store.datasets;
      await datasets.createVersion(newDatasetVersion({ name: 'a', digest: digestOf('a') }), T0);
      await datasets.createVersion(newDatasetVersion({ name: 'b', digest: digestOf('c') }), T0 + 1);
      await datasets.createVersion(newDatasetVersion({ name: 'b', digest: digestOf('a') }), T0 + 2);
      expect(await datasets.withDigest(digestOf('a'))).toEqual([
        { name: 'a', version: 1 },
        { name: 'b', version: 2 },
      ]);
      expect(await datasets.withDigest(digestOf('f'))).toEqual([]);
    });

    it('sets, moves and deletes aliases', async () => {
      const datasets = h().store.datasets;
      await datasets.createVersion(newDatasetVersion(), T0);
      await datasets.createVersion(newDatasetVersion(), T0 + 1);
      await datasets.setAlias('flights', 'reference', 1, T0 + 2);
      await datasets.setAlias('flights', 'candidate', 2, T0 + 3);
      expect(await datasets.alias('flights', 'reference')).toBe(1);
      expect((await datasets.get('flights', 1))?.aliases).toEqual(['reference']);
      await datasets.setAlias('flights', 'reference', 2, T0 + 4);
      expect(await datasets.alias('flights', 'reference')).toBe(2);
      expect((await datasets.get('flights', 2))?.aliases).toEqual(['candidate', 'reference']);
      expect((await datasets.list({ offset: 0, limit: 5 }))[0]).toMatchObject({
        aliases: { candidate: 2, reference: 2 },
        lastUpdateTime: T0 + 4,
      });
      await datasets.deleteAlias('flights', 'candidate', T0 + 5);
      expect(await datasets.alias('flights', 'candidate')).toBeUndefined();
      expect(await datasets.alias('nope', 'reference')).toBeUndefined();
    });

    it('refuses aliases of unknown datasets, versions and aliases', async () => {
      const datasets = h().store.datasets;
      await expectGyreError(
        datasets.setAlias('nope', 'x', 1, T0),
        'RESOURCE_DOES_NOT_EXIST',
        /no dataset named 'nope'/,
      );
      await datasets.createVersion(newDatasetVersion(), T0);
      await expectGyreError(
        datasets.setAlias('flights', 'x', 2, T0),
        'RESOURCE_DOES_NOT_EXIST',
        /has no version 2/,
      );
      await expectGyreError(
        datasets.deleteAlias('flights', 'x', T0),
        'RESOURCE_DOES_NOT_EXIST',
        /has no alias 'x'/,
      );
      await expectGyreError(datasets.deleteAlias('nope', 'x', T0), 'RESOURCE_DOES_NOT_EXIST');
    });

    it('numbers concurrent first versions from two connections distinctly', async () => {
      const other = await h().openAnother();
      const stores = [h().store, other];
      const created = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          stores[i % 2]!.datasets.createVersion(newDatasetVersion({ name: 'race' }), T0 + i),
        ),
      );
      expect(created.map((o) => o.version.version).sort((a, b) => a - b)).toEqual([
        1, 2, 3, 4, 5, 6, 7, 8,
      ]);
      expect(await h().store.datasets.list({ offset: 0, limit: 5 })).toHaveLength(1);
    });

    it('makes one version of the same bytes and spec added concurrently, and returns it to all', async () => {
      const other = await h().openAnother();
      const stores = [h().store, other];
      const same = newDatasetVersion({ name: 'twice', digest: digestOf('d') });
      const outcomes = await Promise.all(
        Array.from({ length: 6 }, (_, i) => stores[i % 2]!.datasets.createVersion(same, T0 + i)),
      );
      expect(outcomes.filter((o) => o.created)).toHaveLength(1);
      expect(new Set(outcomes.map((o) => o.version.version))).toEqual(new Set([1]));
      const respecified = await h().store.datasets.createVersion(
        { ...same, spec: { columns: { x: { min: 0 } } } },
        T0 + 9,
      );
      expect(respecified).toMatchObject({ created: true, version: { version: 2 } });
    });
  });
}
