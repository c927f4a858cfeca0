import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GyreEvent } from '../core/events/index.js';
import { openSqliteHandle } from '../store/dialects/sqlite-handle.js';
import { expectGyreError } from '../testing/expect-gyre-error.js';
import { sha256, tinyVariant, writeModelFile } from '../testing/registry-fixtures.js';
import { openTempGyre } from '../testing/temp-gyre.js';

let gyre: Awaited<ReturnType<typeof openTempGyre>>;
beforeEach(async () => {
  gyre = await openTempGyre();
});
afterEach(() => gyre.dispose());

const modelFile = (variant: string) =>
  writeModelFile(join(gyre.config.home, 'in'), `${variant}.onnx`, tinyVariant(variant));

describe('audit trail', () => {
  it('records actor, time and old → new for every change, newest first', async () => {
    const alice = gyre.registry.as('alice');
    const bob = gyre.registry.as('bob');
    expect(alice.actor).toBe('alice');
    expect(gyre.registry.as('local')).toBe(gyre.registry);

    const v1 = await alice.versions.register({ name: 'churn', source: { uri: modelFile('a') } });
    await alice.models.setAlias('churn', 'champion', 1);
    await bob.versions.register({ name: 'churn', source: { uri: modelFile('b') } });
    await bob.models.setAlias('churn', 'champion', 2);
    await alice.models.update('churn', { description: 'churn model' });
    await alice.models.setTag('churn', 'team', 'risk');
    await bob.models.setTag('churn', 'team', 'growth');
    await bob.versions.setTag('churn', 2, 'validated', 'yes');
    await alice.versions.update('churn', 2, { description: 'retrained' });
    await alice.versions.transitionStage('churn', 2, 'Staging');
    await bob.models.deleteAlias('churn', 'champion');
    await bob.versions.deleteTag('churn', 2, 'validated');
    await gyre.registry.models.deleteTag('churn', 'team');
    await alice.versions.delete('churn', 1);

    const page = await gyre.registry.models.history('churn');
    expect(page.nextPageToken).toBeUndefined();
    const rows = page.items.map((e) => [
      e.actor,
      e.action,
      e.version,
      e.subject,
      e.oldValue,
      e.newValue,
    ]);
    expect(rows).toEqual([
      ['alice', 'version.deleted', 1, null, { aliases: [] }, null],
      ['local', 'model.tag_deleted', null, 'team', 'growth', null],
      ['bob', 'version.tag_deleted', 2, 'validated', 'yes', null],
      ['bob', 'alias.deleted', null, 'champion', 2, null],
      ['alice', 'version.stage_changed', 2, null, 'None', 'Staging'],
      ['alice', 'version.updated', 2, null, { description: '' }, { description: 'retrained' }],
      ['bob', 'version.tag_set', 2, 'validated', null, 'yes'],
      ['bob', 'model.tag_set', null, 'team', 'risk', 'growth'],
      ['alice', 'model.tag_set', null, 'team', null, 'risk'],
      ['alice', 'model.updated', null, null, { description: '' }, { description: 'churn model' }],
      ['bob', 'alias.set', null, 'champion', 1, 2],
      [
        'bob',
        'version.created',
        2,
        null,
        null,
        expect.objectContaining({ source: expect.stringMatching(/^file:.*b\.onnx$/) }),
      ],
      ['alice', 'alias.set', null, 'champion', null, 1],
      [
        'alice',
        'version.created',
        1,
        null,
        null,
        { source: v1.source, run_id: null, digest: v1.digest, status: 'READY' },
      ],
      ['alice', 'model.created', null, null, null, { description: '', tags: {} }],
    ]);
    const ids = page.items.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    for (const entry of page.items) {
      expect(entry.modelName).toBe('churn');
      expect(Number.isSafeInteger(entry.time)).toBe(true);
    }
    // Each entry carries the time of its change, the same the records show.
    expect(page.items.at(-1)!.time).toBe(v1.creationTime);
    expect(page.items.at(-2)!.time).toBe(v1.creationTime);
    const deleted = await gyre.registry.versions.search({ view: 'DELETED_ONLY' });
    expect(page.items[0]!.time).toBe(deleted.items[0]!.lastUpdateTime);

    expect(v1.userId).toBe('alice');
  });

  it('pages the history and follows a rename', async () => {
    await gyre.registry.models.create({ name: 'old' });
    for (const key of ['a', 'b', 'c']) await gyre.registry.models.setTag('old', key, '1');
    await gyre.registry.as('carol').models.rename('old', 'new');
    await expectGyreError(gyre.registry.models.history('old'), 'RESOURCE_DOES_NOT_EXIST', /'old'/);

    const first = await gyre.registry.models.history('new', { maxResults: 3 });
    expect(first.items.map((e) => e.action)).toEqual([
      'model.renamed',
      'model.tag_set',
      'model.tag_set',
    ]);
    expect(first.items[0]).toMatchObject({ actor: 'carol', oldValue: 'old', newValue: 'new' });
    const rest = await gyre.registry.models.history('new', {
      maxResults: 3,
      pageToken: first.nextPageToken,
    });
    expect(rest.items.map((e) => e.action)).toEqual(['model.tag_set', 'model.created']);
    expect(rest.nextPageToken).toBeUndefined();
    await expectGyreError(
      gyre.registry.models.history('ghost'),
      'RESOURCE_DOES_NOT_EXIST',
      /no registered model named 'ghost'/,
    );
  });
});

describe('events', () => {
  it('tells in-process subscribers after the change commits, and not for a failed one', async () => {
    await gyre.registry.versions.register({ name: 'churn', source: { uri: modelFile('a') } });
    await gyre.registry.versions.register({ name: 'churn', source: { uri: modelFile('b') } });
    // A second connection to the same file sees only committed data, synchronously.
    const other = openSqliteHandle(gyre.config.databaseUrl.replace(/^sqlite:/, ''));
    const committedAlias = () =>
      (
        other
          .prepare(
            `select v.version from model_aliases a
             join model_versions v on v.version_id = a.version_id
             join registered_models m on m.model_id = a.model_id
             where m.name = 'churn' and a.alias = 'champion'`,
          )
          .all([]) as { version: number }[]
      ).map((row) => Number(row.version));
    const committedEventIds = () =>
      (
        other.prepare('select event_id from outbox order by event_id').all([]) as {
          event_id: number;
        }[]
      ).map((row) => Number(row.event_id));
    const heard: { event: GyreEvent; alias: number[]; eventIds: number[] }[] = [];
    const all: string[] = [];
    const unsubscribe = gyre.bus.subscribe('alias.set', (event) => {
      heard.push({ event, alias: committedAlias(), eventIds: committedEventIds() });
    });
    const unsubscribeAll = gyre.bus.subscribe('*', (event) => {
      all.push(event.type);
    });
    try {
      await gyre.registry.as('alice').models.setAlias('churn', 'champion', 1);
      await gyre.registry.as('alice').models.setAlias('churn', 'champion', 2);
      await expectGyreError(
        gyre.registry.models.setAlias('churn', 'champion', 9),
        'RESOURCE_DOES_NOT_EXIST',
      );
      await gyre.registry.models.setTag('churn', 'k', 'v');

      expect(heard.map((h) => h.alias)).toEqual([[1], [2]]);
      for (const { event, eventIds } of heard) expect(eventIds).toContain(event.payload.eventId);
      expect(heard[1]!.event).toEqual({
        type: 'alias.set',
        at: expect.any(Number),
        payload: {
          model: 'churn',
          version: null,
          subject: 'champion',
          actor: 'alice',
          old: 1,
          new: 2,
          eventId: expect.any(Number),
        },
      });
      expect(all).toEqual(['alias.set', 'alias.set', 'model.tag_set']);
      const polled = await gyre.registry.events();
      expect(heard.map((h) => h.event.payload.eventId)).toEqual(
        polled.filter((e) => e.type === 'alias.set').map((e) => e.id),
      );

      unsubscribe();
      unsubscribeAll();
      await gyre.registry.models.setAlias('churn', 'champion', 1);
      expect(heard).toHaveLength(2);
      expect(all).toHaveLength(3);
    } finally {
      other.close();
    }
  });

  it('lets other processes poll the committed changes after a cursor, in order', async () => {
    expect(await gyre.registry.events()).toEqual([]);
    const version = await gyre.registry
      .as('alice')
      .versions.register({ name: 'churn', source: { uri: modelFile('a') }, aliases: ['champion'] });
    const events = await gyre.registry.events(0);
    expect(events.map((e) => [e.type, e.payload.version, e.payload.subject])).toEqual([
      ['model.created', null, null],
      ['version.created', 1, null],
      ['alias.set', null, 'champion'],
    ]);
    expect(events[1]).toEqual({
      id: expect.any(Number),
      time: version.creationTime,
      type: 'version.created',
      payload: {
        model: 'churn',
        version: 1,
        subject: null,
        actor: 'alice',
        new: { source: version.source, run_id: null, digest: version.digest, status: 'READY' },
      },
    });
    const ids = events.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));

    const cursor = ids.at(-1)!;
    expect(await gyre.registry.events(cursor)).toEqual([]);
    await gyre.registry.models.setAlias('churn', 'challenger', 1);
    const next = await gyre.registry.events(cursor);
    expect(next.map((e) => e.type)).toEqual(['alias.set']);
    expect(next[0]!.id).toBeGreaterThan(cursor);
    expect(await gyre.registry.events(ids[0], 1)).toEqual([events[1]]);

    await expectGyreError(gyre.registry.events(-1), 'INVALID_PARAMETER_VALUE', /cursor/);
    await expectGyreError(gyre.registry.events(1.5), 'INVALID_PARAMETER_VALUE', /cursor/);
    await expectGyreError(gyre.registry.events(0, 0), 'INVALID_PARAMETER_VALUE', /limit/);
    await expectGyreError(gyre.registry.events(0, 10_001), 'INVALID_PARAMETER_VALUE', /limit/);
  });
});

describe('lineage', () => {
  it('leads from a version to its run (with params) and the run inputs', async () => {
    const experiment = await gyre.tracking.experiments.create({ name: 'flights' });
    const run = await gyre.tracking.runs.create({
      experimentId: experiment.experimentId,
      runName: 'baseline',
    });
    const runId = run.info.runId;
    await gyre.tracking.runs.logBatch(runId, {
      params: [
        { key: 'lr', value: '0.1' },
        { key: 'depth', value: '6' },
      ],
    });
    const datasetDigest = `sha256:${sha256('flights v3')}`;
    await gyre.tracking.runs.logInputs(runId, [
      { kind: 'dataset', ref: 's3://lake/flights/2001.parquet', digest: datasetDigest },
      { kind: 'model', ref: 'models:/base/1', digest: null },
    ]);
    await gyre.tracking.artifacts.upload(
      runId,
      'model/model.onnx',
      Readable.from([tinyVariant('l')]),
    );
    await gyre.tracking.runs.update(runId, { status: 'FINISHED' });
    const version = await gyre.registry.versions.register({
      name: 'delays',
      source: { uri: `runs:/${runId}/model` },
    });

    const lineage = await gyre.registry.lineage('delays', 1);
    expect(lineage.modelVersion).toEqual({
      name: 'delays',
      version: 1,
      uri: 'models:/delays/1',
      source: `runs:/${runId}/model/model.onnx`,
      digest: version.digest,
      runId,
      status: 'READY',
      creationTime: version.creationTime,
    });
    const finished = await gyre.tracking.runs.get(runId);
    expect(lineage.run).toEqual({ ...finished.info, params: { lr: '0.1', depth: '6' } });
    expect(lineage.run).toMatchObject({
      runName: 'baseline',
      experimentId: experiment.experimentId,
      status: 'FINISHED',
    });
    expect(lineage.inputs).toEqual(
      expect.arrayContaining([
        { kind: 'dataset', ref: 's3://lake/flights/2001.parquet', digest: datasetDigest },
        { kind: 'model', ref: 'models:/base/1', digest: null },
      ]),
    );
    expect(lineage.inputs).toHaveLength(2);
    expect(await gyre.tracking.runs.inputs(runId)).toEqual(lineage.inputs);

    // A copy keeps pointing at the run; a plain file has no run.
    await gyre.registry.versions.register({
      name: 'delays-eu',
      source: { uri: 'models:/delays/1' },
    });
    expect((await gyre.registry.lineage('delays-eu', 1)).run?.runId).toBe(runId);
    await gyre.registry.versions.register({ name: 'delays', source: { uri: modelFile('f') } });
    const noRun = await gyre.registry.lineage('delays', '2');
    expect(noRun.run).toBeNull();
    expect(noRun.inputs).toEqual([]);
    await expectGyreError(gyre.registry.lineage('delays', 3), 'RESOURCE_DOES_NOT_EXIST');
  });

  it('updates a logged input digest and refuses malformed inputs', async () => {
    const runId = (await gyre.tracking.runs.create()).info.runId;
    const runs = gyre.tracking.runs;
    await runs.logInputs(runId, [
      { kind: 'dataset', ref: 's3://lake/d.parquet', digest: 'sha256:aa' },
    ]);
    await runs.logInputs(runId, [
      { kind: 'dataset', ref: 's3://lake/d.parquet', digest: 'sha256:bb' },
    ]);
    expect(await runs.inputs(runId)).toEqual([
      { kind: 'dataset', ref: 's3://lake/d.parquet', digest: 'sha256:bb' },
    ]);
    await expectGyreError(
      runs.logInputs(runId, [{ kind: 'Data Set', ref: 'x', digest: null }]),
      'INVALID_PARAMETER_VALUE',
      /inputs\[0\]\.kind/,
    );
    await expectGyreError(
      runs.logInputs(runId, [{ kind: 'dataset', ref: 5 as unknown as string, digest: null }]),
      'INVALID_PARAMETER_VALUE',
      /inputs\[0\]\.ref/,
    );
    await expectGyreError(
      runs.logInputs('0'.repeat(32), [{ kind: 'dataset', ref: 'x', digest: null }]),
      'RESOURCE_DOES_NOT_EXIST',
    );
  });
});
