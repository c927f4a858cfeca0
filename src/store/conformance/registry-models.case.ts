import { describe, expect, it } from 'vitest';
import { isGyreError } from '../../core/errors/index.js';
import { expectGyreError } from '../../testing/expect-gyre-error.js';
import type { ViewType } from '../model.js';
import { modelFilterSchema, parseFilter, parseOrderBy } from '../query/index.js';
import type { StoreHarness } from '../testing/store-harness.js';
import { at, newVersionInput, T0 } from './registry-fixtures.js';

export function registryModelCases(h: () => StoreHarness): void {
  describe('registered models', () => {
    const models = () => h().store.models;

    it('creates a model with tags and reads it back as a fresh record', async () => {
      const created = await models().create(
        { name: 'fraud', description: 'card fraud', tags: { team: 'risk', tier: '1' } },
        at(0),
      );
      expect(created).toEqual({
        name: 'fraud',
        description: 'card fraud',
        creationTime: T0,
        lastUpdateTime: T0,
        lifecycleStage: 'active',
        tags: { team: 'risk', tier: '1' },
        aliases: {},
        latestVersion: null,
      });
      expect(await models().get('fraud')).toEqual(created);
      created.tags.team = 'changed';
      expect((await models().get('fraud'))!.tags.team).toBe('risk');
      expect(await models().create({ name: 'bare' }, at(1))).toMatchObject({
        description: '',
        tags: {},
      });
      expect(await models().get('nope')).toBeUndefined();
      expect(await models().get('nope', { includeDeleted: true })).toBeUndefined();
    });

    it("refuses a taken active name, and lets a deleted model's name be taken again", async () => {
      await models().create({ name: 'churn', description: 'old' }, at(0));
      await expectGyreError(
        models().create({ name: 'churn' }, at(1)),
        'RESOURCE_ALREADY_EXISTS',
        /churn/,
      );
      expect(await models().delete('churn', { force: false }, at(2))).toEqual({
        versions: [],
        aliases: [],
      });
      expect(await models().get('churn')).toBeUndefined();
      expect(await models().get('churn', { includeDeleted: true })).toMatchObject({
        description: 'old',
        lifecycleStage: 'deleted',
        lastUpdateTime: T0 + 2,
      });
      const again = await models().create({ name: 'churn', description: 'new' }, at(3));
      expect(again).toMatchObject({ lifecycleStage: 'active', creationTime: T0 + 3 });
      expect(await models().get('churn')).toEqual(again);
      expect(await models().get('churn', { includeDeleted: true })).toEqual(again);
      const all = await models().search({ view: 'ALL', offset: 0, limit: 10 });
      expect(all.map((m) => m.description).sort()).toEqual(['new', 'old']);
    });

    it('creates exactly one model when two connections race for a name', async () => {
      const other = await h().openAnother();
      const results = await Promise.allSettled([
        models().create({ name: 'race' }, at(0)),
        other.models.create({ name: 'race' }, at(0)),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.find((r) => r.status === 'rejected');
      expect((rejected!.reason as { code: string }).code).toBe('RESOURCE_ALREADY_EXISTS');
    });

    it('searches by view, filter and order, a page at a time', async () => {
      const seeds = [
        { name: 'alpha', description: 'first fraud model', tags: { lang: 'ts' } },
        { name: 'beta', description: 'gone', tags: { lang: 'py' } },
        { name: 'Gamma', description: 'vision', tags: { lang: 'ts' } },
        { name: 'alps', description: 'Fraud again', tags: { lang: 'py' } },
      ];
      for (const [i, seed] of seeds.entries()) await models().create(seed, at(i));
      await models().delete('beta', { force: false }, at(10));
      const names = async (view: ViewType, filter?: string, orderBy?: string[]) =>
        (
          await models().search({
            view,
            filter: parseFilter(filter, modelFilterSchema),
            orderBy: parseOrderBy(orderBy, modelFilterSchema),
            offset: 0,
            limit: 100,
          })
        ).map((m) => m.name);
      expect(await names('ACTIVE_ONLY')).toEqual(['Gamma', 'alpha', 'alps']);
      expect(await names('DELETED_ONLY')).toEqual(['beta']);
      expect(await names('ALL')).toEqual(['Gamma', 'alpha', 'alps', 'beta']);
      expect(await names('ALL', "name LIKE 'al%'")).toEqual(['alpha', 'alps']);
      expect(await names('ALL', "name ILIKE 'G%'")).toEqual(['Gamma']);
      expect(await names('ALL', "description ILIKE '%fraud%'")).toEqual(['alpha', 'alps']);
      expect(await names('ALL', "tags.lang = 'py'")).toEqual(['alps', 'beta']);
      expect(await names('ACTIVE_ONLY', `tags.lang = 'ts' and creation_time >= ${T0 + 1}`)).toEqual(
        ['Gamma'],
      );
      expect(await names('ALL', `last_update_time > ${T0 + 3}`)).toEqual(['beta']);
      expect(await names('ALL', "name IN ('beta', 'alps') or tags.lang IS NULL")).toEqual([
        'alps',
        'beta',
      ]);
      expect(await names('ACTIVE_ONLY', undefined, ['name DESC'])).toEqual([
        'alps',
        'alpha',
        'Gamma',
      ]);
      expect(await names('ALL', undefined, ['creation_time DESC'])).toEqual([
        'alps',
        'Gamma',
        'beta',
        'alpha',
      ]);
      expect(await names('ALL', undefined, ['tags.lang', 'name DESC'])).toEqual([
        'beta',
        'alps',
        'alpha',
        'Gamma',
      ]);
      const page = await models().search({ view: 'ALL', offset: 1, limit: 2 });
      expect(page.map((m) => m.name)).toEqual(['alpha', 'alps', 'beta']);
      const last = await models().search({ view: 'ALL', offset: 2, limit: 2 });
      expect(last.map((m) => m.name)).toEqual(['alps', 'beta']);
    });

    it('updates the description', async () => {
      await models().create({ name: 'm', description: 'before' }, at(0));
      const updated = await models().update('m', { description: 'after' }, at(5));
      expect(updated).toMatchObject({
        description: 'after',
        lastUpdateTime: T0 + 5,
        creationTime: T0,
      });
      expect(await models().get('m')).toEqual(updated);
      await expectGyreError(
        models().update('nope', { description: 'x' }, at(6)),
        'RESOURCE_DOES_NOT_EXIST',
        /nope/,
      );
    });

    it('renames, keeping versions and aliases, and refuses a taken name', async () => {
      await h().store.modelVersions.create(newVersionInput({ name: 'a' }), at(0));
      await h().store.modelAliases.set('a', 'champion', 1, at(1));
      await models().create({ name: 'b' }, at(2));
      const renamed = await models().rename('a', 'a2', at(3));
      expect(renamed).toMatchObject({
        name: 'a2',
        lastUpdateTime: T0 + 3,
        creationTime: T0,
        aliases: { champion: 1 },
        latestVersion: 1,
      });
      expect(await models().get('a')).toBeUndefined();
      expect(await h().store.modelVersions.get('a2', 1)).toMatchObject({ name: 'a2' });
      await expectGyreError(models().rename('a2', 'b', at(4)), 'RESOURCE_ALREADY_EXISTS', /'b'/);
      await expectGyreError(models().rename('a', 'zz', at(4)), 'RESOURCE_DOES_NOT_EXIST');
      expect(await models().get('b')).toMatchObject({ name: 'b', latestVersion: null });
      await models().delete('b', { force: false }, at(5));
      expect(await models().rename('a2', 'b', at(6))).toMatchObject({
        name: 'b',
        latestVersion: 1,
      });
    });

    it('sets, replaces and deletes tags', async () => {
      await models().create({ name: 'm', tags: { owner: 'ana' } }, at(0));
      await models().setTag('m', 'owner', 'bo', at(1));
      await models().setTag('m', 'note', 'x', at(2));
      expect(await models().get('m')).toMatchObject({
        tags: { owner: 'bo', note: 'x' },
        lastUpdateTime: T0 + 2,
      });
      await models().deleteTag('m', 'owner', at(3));
      expect((await models().get('m'))!.tags).toEqual({ note: 'x' });
      await expectGyreError(
        models().deleteTag('m', 'owner', at(4)),
        'RESOURCE_DOES_NOT_EXIST',
        /owner/,
      );
      await expectGyreError(models().setTag('nope', 'k', 'v', at(4)), 'RESOURCE_DOES_NOT_EXIST');
    });

    it('reports the latest version and the aliases on the record', async () => {
      for (let i = 0; i < 3; i += 1) await h().store.modelVersions.create(newVersionInput(), at(i));
      await h().store.modelAliases.set('m', 'champion', 2, at(3));
      await h().store.modelAliases.set('m', 'challenger', 3, at(4));
      expect(await models().get('m')).toMatchObject({
        aliases: { champion: 2, challenger: 3 },
        latestVersion: 3,
        lastUpdateTime: T0 + 4,
      });
      await h().store.modelVersions.delete('m', 3, { force: true }, at(5));
      expect(await models().get('m')).toMatchObject({ aliases: { champion: 2 }, latestVersion: 2 });
      const [found] = await models().search({ view: 'ACTIVE_ONLY', offset: 0, limit: 1 });
      expect(found).toEqual(await models().get('m'));
    });

    it('refuses to delete a model with versions or aliases unless forced, changing nothing', async () => {
      await h().store.modelVersions.create(newVersionInput({ tags: { k: 'v' } }), at(0));
      await h().store.modelVersions.create(newVersionInput(), at(1));
      await h().store.modelAliases.set('m', 'champion', 1, at(2));
      const before = await models().get('m');
      const audit = await h().store.registryAudit.list('m', { offset: 0, limit: 100 });
      const events = await h().store.outbox.after(0, 1000);
      let thrown: unknown;
      await models()
        .delete('m', { force: false }, at(3))
        .catch((error: unknown) => (thrown = error));
      expect(isGyreError(thrown) && thrown.code).toBe('RESOURCE_CONFLICT');
      expect((thrown as Error).message).toMatch(/1, 2.*champion/);
      expect(await models().get('m')).toEqual(before);
      expect((await h().store.modelVersions.get('m', 1))!.aliases).toEqual(['champion']);
      expect(await h().store.registryAudit.list('m', { offset: 0, limit: 100 })).toEqual(audit);
      expect(await h().store.outbox.after(0, 1000)).toEqual(events);

      expect(await models().delete('m', { force: true }, at(4))).toEqual({
        versions: [1, 2],
        aliases: ['champion'],
      });
      expect(await models().get('m')).toBeUndefined();
      expect(await models().get('m', { includeDeleted: true })).toMatchObject({
        lifecycleStage: 'deleted',
        aliases: {},
        latestVersion: null,
      });
      const versions = await h().store.modelVersions.search({
        view: 'DELETED_ONLY',
        offset: 0,
        limit: 10,
      });
      expect(versions.map((v) => [v.version, v.lifecycleStage, v.aliases])).toEqual([
        [2, 'deleted', []],
        [1, 'deleted', []],
      ]);
      await expectGyreError(
        models().delete('m', { force: true }, at(5)),
        'RESOURCE_DOES_NOT_EXIST',
      );
    });
  });
}
