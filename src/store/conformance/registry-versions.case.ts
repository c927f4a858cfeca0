import { describe, expect, it } from 'vitest';
import { expectGyreError } from '../../testing/expect-gyre-error.js';
import type { ViewType } from '../model.js';
import {
  modelFilterSchema,
  modelVersionFilterSchema,
  parseFilter,
  parseOrderBy,
} from '../query/index.js';
import type { ModelVersionRecord } from '../registry-model.js';
import type { NewModelVersion } from '../registry-store.js';
import type { StoreHarness } from '../testing/store-harness.js';
import { at, newVersionInput, T0 } from './registry-fixtures.js';

export function registryVersionCases(h: () => StoreHarness): void {
  describe('model versions', () => {
    const create = (overrides: Partial<NewModelVersion> = {}, n = 0) =>
      h().store.modelVersions.create(newVersionInput(overrides), at(n));

    it('numbers versions 1, 2, 3 per model and creates a missing model', async () => {
      const first = await create({ tags: { flavor: 'onnx' }, runId: 'r'.repeat(32) }, 1);
      expect(first).toEqual({
        ...newVersionInput({ tags: { flavor: 'onnx' }, runId: 'r'.repeat(32) }),
        version: 1,
        stage: 'None',
        creationTime: T0 + 1,
        lastUpdateTime: T0 + 1,
        lifecycleStage: 'active',
        aliases: [],
      });
      expect(await h().store.modelVersions.get('m', 1)).toEqual(first);
      expect((await create({}, 2)).version).toBe(2);
      expect((await create({ name: 'other' }, 3)).version).toBe(1);
      expect((await create({}, 4)).version).toBe(3);
      expect(await h().store.models.get('m')).toMatchObject({
        description: '',
        creationTime: T0 + 1,
        latestVersion: 3,
      });
      expect((await h().store.models.get('other'))!.latestVersion).toBe(1);
    });

    it('never reuses the number of a deleted version', async () => {
      for (let i = 0; i < 3; i += 1) await create();
      await h().store.modelVersions.delete('m', 3, { force: false }, at(1));
      expect((await create()).version).toBe(4);
      await h().store.modelVersions.delete('m', 4, { force: false }, at(2));
      await h().store.modelVersions.delete('m', 2, { force: false }, at(3));
      expect((await create()).version).toBe(5);
      expect((await h().store.models.get('m'))!.latestVersion).toBe(5);
    });

    it('keeps the JSON fields exactly as given', async () => {
      const fields = {
        signature: {
          inputs: [{ name: 'x', type: 'float32', shape: [null, 3, 224, 224] }],
          outputs: [{ name: 'y', type: 'int64', shape: [-1] }],
        },
        featureSchema: [{ name: 'age', nested: { deep: [1, [2, [3, []]], {}] }, nullable: true }],
        classLabels: ['cat', 'dög', '🐱', '', 'it\'s "q" \\ \n'],
        modelInfo: { opset: 17, ratio: 1.5e-7, big: 2 ** 53 - 1, off: false, zero: 0, none: null },
      };
      const json = (v: ModelVersionRecord) => [
        v.signature,
        v.featureSchema,
        v.classLabels,
        v.modelInfo,
      ];
      const created = await create(fields);
      expect(json(created)).toStrictEqual(Object.values(fields));
      const blank = await create({ modelInfo: {}, classLabels: [] });
      expect(json(blank)).toStrictEqual([null, null, [], {}]);
      expect(await h().store.modelVersions.get('m', 1)).toEqual(created);
      const [second, firstAgain] = await h().store.modelVersions.search({
        view: 'ALL',
        offset: 0,
        limit: 10,
      });
      expect(second).toEqual(blank);
      expect(firstAgain).toEqual(created);
    });

    it('gets a version and the latest one, optionally within a stage', async () => {
      for (let i = 0; i < 3; i += 1) await create();
      await h().store.modelVersions.transitionStage('m', 2, 'Production', false, at(5));
      expect(await h().store.modelVersions.get('m', 2)).toMatchObject({
        version: 2,
        stage: 'Production',
        lastUpdateTime: T0 + 5,
      });
      expect(await h().store.modelVersions.get('m', 9)).toBeUndefined();
      expect(await h().store.modelVersions.get('nope', 1)).toBeUndefined();
      expect((await h().store.modelVersions.latest('m'))!.version).toBe(3);
      expect((await h().store.modelVersions.latest('m', 'Production'))!.version).toBe(2);
      expect(await h().store.modelVersions.latest('m', 'Staging')).toBeUndefined();
      expect(await h().store.modelVersions.latest('nope')).toBeUndefined();
      await h().store.modelVersions.delete('m', 3, { force: false }, at(6));
      expect((await h().store.modelVersions.latest('m'))!.version).toBe(2);
      await h().store.modelVersions.delete('m', 2, { force: false }, at(7));
      expect(await h().store.modelVersions.latest('m', 'Production')).toBeUndefined();
      expect(await h().store.modelVersions.get('m', 2)).toBeUndefined();
      expect(await h().store.modelVersions.get('m', 2, { includeDeleted: true })).toMatchObject({
        lifecycleStage: 'deleted',
        stage: 'Production',
      });
    });

    it('searches by filter, by default in name ASC, version DESC order, a page at a time', async () => {
      await create({ name: 'b', runId: 'r1', tags: { flavor: 'onnx' } }, 1);
      await create({ name: 'a', runId: 'r1', source: 'upload:a.onnx' }, 2);
      await create({ name: 'a', runId: 'r2', tags: { flavor: 'onnx' } }, 3);
      await create({ name: 'b', status: 'FAILED_REGISTRATION', userId: 'bob' }, 4);
      await create({ name: 'a', digest: 'b'.repeat(64), tags: { flavor: 'pt' } }, 5);
      const found = async (filter?: string, orderBy?: string[], view: ViewType = 'ACTIVE_ONLY') =>
        (
          await h().store.modelVersions.search({
            view,
            filter: parseFilter(filter, modelVersionFilterSchema),
            orderBy: parseOrderBy(orderBy, modelVersionFilterSchema),
            offset: 0,
            limit: 100,
          })
        ).map((v) => `${v.name}${v.version}`);
      expect(await found()).toEqual(['a3', 'a2', 'a1', 'b2', 'b1']);
      expect(await found("name = 'a'")).toEqual(['a3', 'a2', 'a1']);
      expect(await found("run_id = 'r1'")).toEqual(['a1', 'b1']);
      expect(await found('version >= 2')).toEqual(['a3', 'a2', 'b2']);
      expect(await found("version = 1 and name != 'b'")).toEqual(['a1']);
      expect(await found("name = 'a' and version < 3")).toEqual(['a2', 'a1']);
      expect(await found("tags.flavor = 'onnx'")).toEqual(['a2', 'b1']);
      expect(await found("tags.flavor IN ('onnx', 'pt')")).toEqual(['a3', 'a2', 'b1']);
      expect(await found("status = 'FAILED_REGISTRATION'")).toEqual(['b2']);
      expect(await found("source LIKE 'upload:%' or user_id = 'bob'")).toEqual(['a1', 'b2']);
      expect(await found(`digest = '${'b'.repeat(64)}'`)).toEqual(['a3']);
      expect(await found(`creation_time > ${T0 + 3}`)).toEqual(['a3', 'b2']);
      expect(await found(undefined, ['version ASC'])).toEqual(['a1', 'b1', 'a2', 'b2', 'a3']);
      const newestFirst = ['a3', 'b2', 'a2', 'a1', 'b1'];
      expect(await found(undefined, ['creation_time DESC'])).toEqual(newestFirst);
      await h().store.modelVersions.transitionStage('b', 1, 'Staging', false, at(6));
      expect(await found("stage = 'Staging'")).toEqual(['b1']);
      const page = await h().store.modelVersions.search({ view: 'ALL', offset: 1, limit: 2 });
      expect(page.map((v) => `${v.name}${v.version}`)).toEqual(['a2', 'a1', 'b2']);
      await h().store.modelVersions.delete('a', 2, { force: false }, at(7));
      expect(await found()).toEqual(['a3', 'a1', 'b2', 'b1']);
      expect(await found(undefined, undefined, 'DELETED_ONLY')).toEqual(['a2']);
      expect(await found(undefined, undefined, 'ALL')).toHaveLength(5);
    });

    it('updates description, status and status message', async () => {
      await create({ status: 'PENDING_REGISTRATION' });
      const updated = await h().store.modelVersions.update(
        'm',
        1,
        { status: 'READY', statusMessage: 'loaded in 3 ms' },
        at(5),
      );
      expect(updated).toMatchObject({
        status: 'READY',
        statusMessage: 'loaded in 3 ms',
        description: '',
        lastUpdateTime: T0 + 5,
        creationTime: T0,
      });
      const described = await h().store.modelVersions.update(
        'm',
        1,
        { description: 'first' },
        at(6),
      );
      expect(described).toMatchObject({ description: 'first', status: 'READY' });
      expect(await h().store.modelVersions.get('m', 1)).toEqual(described);
      await expectGyreError(
        h().store.modelVersions.update('m', 2, { description: 'x' }, at(7)),
        'RESOURCE_DOES_NOT_EXIST',
      );
      await expectGyreError(
        h().store.modelVersions.update('nope', 1, { description: 'x' }, at(7)),
        'RESOURCE_DOES_NOT_EXIST',
      );
    });

    it('sets, replaces and deletes version tags', async () => {
      await create({ tags: { flavor: 'onnx' } });
      await h().store.modelVersions.setTag('m', 1, 'owner', 'ana', at(1));
      await h().store.modelVersions.setTag('m', 1, 'owner', 'bo', at(2));
      expect((await h().store.modelVersions.get('m', 1))!.tags).toEqual({
        flavor: 'onnx',
        owner: 'bo',
      });
      await h().store.modelVersions.deleteTag('m', 1, 'flavor', at(3));
      expect((await h().store.modelVersions.get('m', 1))!.tags).toEqual({ owner: 'bo' });
      await expectGyreError(
        h().store.modelVersions.deleteTag('m', 1, 'flavor', at(4)),
        'RESOURCE_DOES_NOT_EXIST',
        /flavor/,
      );
      await expectGyreError(
        h().store.modelVersions.setTag('m', 2, 'k', 'v', at(4)),
        'RESOURCE_DOES_NOT_EXIST',
      );
    });

    it('moves stages, archiving only the versions already in the target stage', async () => {
      for (let i = 0; i < 5; i += 1) await create();
      const move = (version: number, stage: 'Staging' | 'Production', archive: boolean) =>
        h().store.modelVersions.transitionStage('m', version, stage, archive, at(10 + version));
      const stages = async () =>
        (await h().store.modelVersions.search({ view: 'ALL', offset: 0, limit: 10 }))
          .map((v) => v.stage)
          .reverse();
      await move(1, 'Staging', false);
      await move(2, 'Production', false);
      expect(await move(3, 'Production', false)).toMatchObject({ stage: 'Production' });
      expect(await stages()).toEqual(['Staging', 'Production', 'Production', 'None', 'None']);
      expect(await move(4, 'Production', true)).toMatchObject({
        stage: 'Production',
        lastUpdateTime: T0 + 14,
      });
      expect(await stages()).toEqual(['Staging', 'Archived', 'Archived', 'Production', 'None']);
      expect((await h().store.modelVersions.get('m', 2))!.lastUpdateTime).toBe(T0 + 14);
      await move(5, 'Staging', true);
      expect(await stages()).toEqual(['Archived', 'Archived', 'Archived', 'Production', 'Staging']);
      await expectGyreError(move(6, 'Staging', false), 'RESOURCE_DOES_NOT_EXIST');
    });

    it('refuses to delete a version aliases point to unless forced, which removes them', async () => {
      await create();
      await create();
      await h().store.modelAliases.set('m', 'champion', 2, at(1));
      await h().store.modelAliases.set('m', 'best', 2, at(2));
      await expectGyreError(
        h().store.modelVersions.delete('m', 2, { force: false }, at(3)),
        'RESOURCE_CONFLICT',
        /best, champion/,
      );
      expect(await h().store.modelVersions.get('m', 2)).toMatchObject({
        lifecycleStage: 'active',
        aliases: ['best', 'champion'],
      });
      expect(await h().store.modelVersions.delete('m', 2, { force: true }, at(4))).toEqual({
        aliases: ['best', 'champion'],
      });
      expect(await h().store.modelVersions.get('m', 2)).toBeUndefined();
      expect(await h().store.modelVersions.get('m', 2, { includeDeleted: true })).toMatchObject({
        lifecycleStage: 'deleted',
        lastUpdateTime: T0 + 4,
        aliases: [],
      });
      expect(await h().store.modelAliases.get('m', 'champion')).toBeUndefined();
      expect(await h().store.models.get('m')).toMatchObject({ aliases: {}, latestVersion: 1 });
      await expectGyreError(
        h().store.modelVersions.delete('m', 2, { force: true }, at(5)),
        'RESOURCE_DOES_NOT_EXIST',
      );
    });

    it('hides versions of a deleted model unless includeDeleted', async () => {
      await create();
      await h().store.models.delete('m', { force: true }, at(1));
      expect(await h().store.modelVersions.get('m', 1)).toBeUndefined();
      expect(await h().store.modelVersions.latest('m')).toBeUndefined();
      expect(await h().store.modelVersions.get('m', 1, { includeDeleted: true })).toMatchObject({
        version: 1,
        lifecycleStage: 'deleted',
      });
      expect((await create({}, 2)).version).toBe(1);
      expect(await h().store.modelVersions.get('m', 1, { includeDeleted: true })).toMatchObject({
        lifecycleStage: 'active',
        creationTime: T0 + 2,
      });
    });

    const race = async (name: string) => {
      const other = await h().openAnother();
      const stores = [h().store, other];
      const created = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          stores[i % 2]!.modelVersions.create(newVersionInput({ name }), at(i)),
        ),
      );
      expect(created.map((v) => v.version).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      const models = await h().store.models.search({
        view: 'ALL',
        filter: parseFilter(`name = '${name}'`, modelFilterSchema),
        offset: 0,
        limit: 10,
      });
      expect(models).toHaveLength(1);
      expect(models[0]!.latestVersion).toBe(8);
    };

    it('numbers concurrent versions of an existing model from two connections distinctly', async () => {
      await h().store.models.create({ name: 'race' }, at(0));
      await race('race');
    });

    it('creates a missing model once when two connections register versions of it concurrently', async () => {
      await race('race');
    });
  });
}
