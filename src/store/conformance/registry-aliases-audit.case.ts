import { describe, expect, it } from 'vitest';
import { expectGyreError } from '../../testing/expect-gyre-error.js';
import type { AuditEntry, ChangeEvent } from '../registry-model.js';
import type { StoreHarness } from '../testing/store-harness.js';
import { at, newVersionInput, T0 } from './registry-fixtures.js';

const all = { offset: 0, limit: 1000 };

/** An audit entry without its id, as a test states it. */
const entry = (
  n: number,
  action: string,
  fields: Partial<Omit<AuditEntry, 'id' | 'time' | 'action'>> = {},
) => ({
  time: T0 + n,
  actor: 'alice',
  action,
  modelName: 'm',
  version: null,
  subject: null,
  oldValue: null,
  newValue: null,
  ...fields,
});

const withoutId = ({ id: _id, ...rest }: AuditEntry) => rest;

export function registryAliasAuditCases(h: () => StoreHarness): void {
  describe('model aliases', () => {
    it('sets, moves, reads and deletes aliases', async () => {
      for (let i = 0; i < 3; i += 1) await h().store.modelVersions.create(newVersionInput(), at(i));
      const aliases = h().store.modelAliases;
      await aliases.set('m', 'champion', 1, at(3));
      expect(await aliases.get('m', 'champion')).toBe(1);
      await aliases.set('m', 'champion', 3, at(4));
      await aliases.set('m', 'challenger', 3, at(5));
      expect(await aliases.get('m', 'champion')).toBe(3);
      expect((await h().store.modelVersions.get('m', 1))!.aliases).toEqual([]);
      expect((await h().store.modelVersions.get('m', 3))!.aliases).toEqual([
        'challenger',
        'champion',
      ]);
      await aliases.delete('m', 'challenger', at(6));
      expect(await aliases.get('m', 'challenger')).toBeUndefined();
      expect(await aliases.get('m', 'never')).toBeUndefined();
      expect(await aliases.get('nope', 'champion')).toBeUndefined();
      expect((await h().store.models.get('m'))!.aliases).toEqual({ champion: 3 });
      await expectGyreError(
        aliases.delete('m', 'challenger', at(7)),
        'RESOURCE_DOES_NOT_EXIST',
        /challenger/,
      );
      await expectGyreError(aliases.set('m', 'x', 9, at(7)), 'RESOURCE_DOES_NOT_EXIST', /9/);
      await expectGyreError(aliases.set('nope', 'x', 1, at(7)), 'RESOURCE_DOES_NOT_EXIST');
      await h().store.modelVersions.delete('m', 2, { force: false }, at(8));
      await expectGyreError(aliases.set('m', 'x', 2, at(9)), 'RESOURCE_DOES_NOT_EXIST');
      expect(await aliases.get('m', 'x')).toBeUndefined();
    });
  });

  describe('registry audit trail', () => {
    it('lists every change newest first with actor, time, action and old → new values', async () => {
      const s = h().store;
      await s.models.create({ name: 'm', tags: { team: 'risk' } }, at(1));
      await s.modelVersions.create(newVersionInput({ runId: 'r1' }), at(2, 'bob'));
      await s.modelVersions.create(newVersionInput(), at(3));
      await s.modelAliases.set('m', 'champion', 1, at(4));
      await s.modelAliases.set('m', 'champion', 2, at(5));
      await s.modelVersions.transitionStage('m', 2, 'Production', false, at(6, 'carol'));
      await s.models.setTag('m', 'team', 'ml', at(7));
      await s.modelVersions.update('m', 1, { description: 'first' }, at(8));
      await s.modelVersions.setTag('m', 1, 'k', 'v', at(9));
      await s.modelAliases.delete('m', 'champion', at(10));
      await s.models.update('m', { description: 'd' }, at(11));
      const listed = await s.registryAudit.list('m', all);
      const { source, digest } = newVersionInput();
      expect(listed.map(withoutId)).toEqual([
        entry(11, 'model.updated', {
          oldValue: { description: '' },
          newValue: { description: 'd' },
        }),
        entry(10, 'alias.deleted', { subject: 'champion', oldValue: 2 }),
        entry(9, 'version.tag_set', { version: 1, subject: 'k', newValue: 'v' }),
        entry(8, 'version.updated', {
          version: 1,
          oldValue: { description: '' },
          newValue: { description: 'first' },
        }),
        entry(7, 'model.tag_set', { subject: 'team', oldValue: 'risk', newValue: 'ml' }),
        entry(6, 'version.stage_changed', {
          actor: 'carol',
          version: 2,
          oldValue: 'None',
          newValue: 'Production',
        }),
        entry(5, 'alias.set', { subject: 'champion', oldValue: 1, newValue: 2 }),
        entry(4, 'alias.set', { subject: 'champion', newValue: 1 }),
        entry(3, 'version.created', {
          version: 2,
          newValue: { source, run_id: null, digest, status: 'READY' },
        }),
        entry(2, 'version.created', {
          actor: 'bob',
          version: 1,
          newValue: { source, run_id: 'r1', digest, status: 'READY' },
        }),
        entry(1, 'model.created', { newValue: { description: '', tags: { team: 'risk' } } }),
      ]);
      const ids = listed.map((e) => e.id);
      expect([...ids].sort((a, b) => b - a)).toEqual(ids);
      const page = await s.registryAudit.list('m', { offset: 2, limit: 3 });
      expect(page.slice(0, 3)).toEqual(listed.slice(2, 5));
      expect(await s.registryAudit.list('nope', all)).toEqual([]);
    });

    it('keeps the history of a renamed model under its new name, and of a deleted one', async () => {
      const s = h().store;
      await s.modelVersions.create(newVersionInput(), at(1));
      await s.modelVersions.create(newVersionInput(), at(2));
      await s.modelAliases.set('m', 'champion', 2, at(3));
      await s.modelVersions.delete('m', 2, { force: true }, at(4, 'bob'));
      await s.models.rename('m', 'm2', at(5));
      await s.models.setTag('m2', 'k', 'v', at(6));
      const listed = await s.registryAudit.list('m2', all);
      expect(listed.map((e) => e.action)).toEqual([
        'model.tag_set',
        'model.renamed',
        'version.deleted',
        'alias.deleted',
        'alias.set',
        'version.created',
        'version.created',
        'model.created',
      ]);
      expect(listed[1]).toMatchObject({ oldValue: 'm', newValue: 'm2', time: T0 + 5 });
      expect(listed[2]).toMatchObject({ version: 2, actor: 'bob', time: T0 + 4, newValue: null });
      expect(listed[3]).toMatchObject({ subject: 'champion', oldValue: 2, newValue: null });
      expect(await s.registryAudit.list('m', all)).toEqual([]);
      await s.models.delete('m2', { force: true }, at(7));
      const afterDelete = await s.registryAudit.list('m2', all);
      expect(afterDelete[0]).toMatchObject({
        action: 'model.deleted',
        time: T0 + 7,
        oldValue: { versions: [1], aliases: [] },
      });
      // A forced delete also reports each version (and alias) it takes, as their own deletes would.
      expect(afterDelete[1]).toMatchObject({ action: 'version.deleted', version: 1, time: T0 + 7 });
      expect(afterDelete.slice(2)).toEqual(listed);
      // A new model may take the name; the name's history then holds both models.
      await s.models.create({ name: 'm2' }, at(8));
      const reused = await s.registryAudit.list('m2', all);
      expect(reused[0]).toMatchObject({ action: 'model.created', time: T0 + 8 });
      expect(reused.slice(1)).toEqual(afterDelete);
    });
  });

  describe('registry outbox', () => {
    it('returns committed changes after a cursor, oldest first, a page at a time', async () => {
      const s = h().store;
      await s.modelVersions.create(newVersionInput(), at(1));
      await s.modelAliases.set('m', 'champion', 1, at(2, 'bob'));
      await s.models.setTag('m', 'team', 'risk', at(3));
      await s.modelVersions.transitionStage('m', 1, 'Staging', false, at(4));
      const events = await s.outbox.after(0, 100);
      expect(events.map((e) => [e.type, e.time])).toEqual([
        ['model.created', T0 + 1],
        ['version.created', T0 + 1],
        ['alias.set', T0 + 2],
        ['model.tag_set', T0 + 3],
        ['version.stage_changed', T0 + 4],
      ]);
      expect(events[2]!.payload).toMatchObject({
        model: 'm',
        subject: 'champion',
        actor: 'bob',
        old: null,
        new: 1,
      });
      expect(events[4]!.payload).toMatchObject({
        model: 'm',
        version: 1,
        old: 'None',
        new: 'Staging',
      });
      const paged: ChangeEvent[] = [];
      for (let cursor = 0; ;) {
        const page = await s.outbox.after(cursor, 2);
        if (page.length === 0) break;
        expect(page.length).toBeLessThanOrEqual(2);
        paged.push(...page);
        cursor = page.at(-1)!.id;
      }
      expect(paged).toEqual(events);
      expect(await s.outbox.after(events[2]!.id, 100)).toEqual(events.slice(3));
    });

    it('writes neither audit nor outbox rows for a change that rolls back, nor tells listeners', async () => {
      const s = h().store;
      await s.models.create({ name: 'm' }, at(1));
      const cursor = (await s.outbox.after(0, 100)).at(-1)!.id;
      const heard: ChangeEvent[][] = [];
      const unsubscribe = s.outbox.subscribe((events) => heard.push(events));
      // The model is created and audited before the version insert fails: all must roll back.
      await expect(
        s.modelVersions.create(
          newVersionInput({ name: 'ghost', source: null as unknown as string }),
          at(2),
        ),
      ).rejects.toThrow(/source/);
      await expectGyreError(s.models.create({ name: 'm' }, at(3)), 'RESOURCE_ALREADY_EXISTS');
      await expectGyreError(s.models.deleteTag('m', 'nope', at(4)), 'RESOURCE_DOES_NOT_EXIST');
      expect(await s.models.get('ghost', { includeDeleted: true })).toBeUndefined();
      expect(await s.registryAudit.list('ghost', all)).toEqual([]);
      expect(await s.registryAudit.list('m', all)).toHaveLength(1);
      expect(await s.outbox.after(cursor, 100)).toEqual([]);
      expect(heard).toEqual([]);
      unsubscribe();
    });

    it('tells subscribers once per committed transaction, with its events', async () => {
      const s = h().store;
      const heard: ChangeEvent[][] = [];
      const unsubscribe = s.outbox.subscribe((events) => heard.push(events));
      await s.modelVersions.create(newVersionInput(), at(1));
      await s.modelVersions.create(newVersionInput(), at(2));
      await s.modelVersions.transitionStage('m', 1, 'Production', false, at(3));
      await s.modelVersions.transitionStage('m', 2, 'Production', true, at(4));
      await expectGyreError(s.modelAliases.set('m', 'x', 7, at(5)), 'RESOURCE_DOES_NOT_EXIST');
      const events = await s.outbox.after(0, 100);
      expect(heard.map((batch) => batch.map((e) => e.type))).toEqual([
        ['model.created', 'version.created'],
        ['version.created'],
        ['version.stage_changed'],
        ['version.stage_changed', 'version.stage_changed'],
      ]);
      expect(heard.flat()).toEqual(events);
      unsubscribe();
      await s.models.setTag('m', 'k', 'v', at(6));
      expect(heard).toHaveLength(4);
    });

    it('returns every event from two concurrent writers to a poller, in increasing ids', async () => {
      const other = await h().openAnother();
      await h().store.models.create({ name: 'a' }, at(0));
      await h().store.models.create({ name: 'b' }, at(0));
      const writes = [h().store, other].map(async (store, i) => {
        for (let n = 1; n <= 25; n += 1) {
          await store.modelVersions.create(newVersionInput({ name: i === 0 ? 'a' : 'b' }), at(n));
          await store.models.setTag(i === 0 ? 'b' : 'a', `k${n}`, 'v', at(n));
        }
      });
      let done = false;
      const polled: ChangeEvent[] = [];
      let cursor = 0;
      const poll = async () => {
        const page = await h().store.outbox.after(cursor, 7);
        polled.push(...page);
        if (page.length > 0) cursor = page.at(-1)!.id;
        return page.length;
      };
      const poller = (async () => {
        while (!done) {
          await poll();
          await new Promise((resolve) => setImmediate(resolve));
        }
        while ((await poll()) > 0);
      })();
      await Promise.all(writes).finally(() => (done = true));
      await poller;
      const ids = polled.map((e) => e.id);
      expect(ids.every((id, i) => i === 0 || id > ids[i - 1]!)).toBe(true);
      expect(polled).toHaveLength(2 + 2 * 50);
      expect(polled).toEqual(await h().store.outbox.after(0, 1000));
    });
  });
}
