import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectErrorReply, openApiHarness, type ApiHarness } from '../testing/api-harness.js';
import { sha256, tinyVariant } from '../testing/registry-fixtures.js';
import type { WireChangeEvent, WireModelVersion } from './wire/registry-schemas.js';

let h: ApiHarness;
beforeEach(async () => {
  h = await openApiHarness();
});
afterEach(() => h.dispose());

const get = (url: string) => h.app.inject({ method: 'GET', url });

async function resolve(uri: string): Promise<WireModelVersion> {
  const response = await get(`/api/v1/model-versions/resolve?uri=${encodeURIComponent(uri)}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ model_version: WireModelVersion }>().model_version;
}

interface EventsReply {
  events: WireChangeEvent[];
  last_event_id: number;
}

describe('GET /api/v1/model-versions/resolve', () => {
  it('resolves every models:/ form', async () => {
    for (const i of [1, 2, 3]) await h.calls.uploadVersion('churn', tinyVariant(i));
    await h.calls.setAlias('churn', 'champion', 1);
    await h.app.inject({
      method: 'POST',
      url: '/api/v1/models/churn/versions/2/stage',
      payload: { stage: 'Production' },
    });
    expect((await resolve('models:/churn/3')).uri).toBe('models:/churn/3');
    expect((await resolve('models:/churn/latest')).version).toBe(3);
    expect((await resolve('models:/churn/Production')).version).toBe(2);
    const champion = await resolve('models:/churn@champion');
    expect(champion).toMatchObject({ version: 1, aliases: ['champion'] });
    expect(champion).toEqual(await h.calls.getVersion('churn', 1));
  });

  it('answers 400 for malformed URIs and 404 for unknown targets', async () => {
    await h.calls.uploadVersion('churn', tinyVariant(1));
    const resolveError = (uri: string) =>
      get(`/api/v1/model-versions/resolve?uri=${encodeURIComponent(uri)}`);
    for (const [uri, message] of [
      ['models:/churn', /not a model URI/],
      ['models:/churn/first', /neither a version number/],
      ['runs:/abc/model.onnx', /not a registered model URI/],
      ['/tmp/model.onnx', /not a registered model URI/],
      ['s3://b/m.onnx', /unsupported model URI scheme/],
    ] as const) {
      expectErrorReply(await resolveError(uri), 'INVALID_PARAMETER_VALUE', message);
    }
    expectErrorReply(await get('/api/v1/model-versions/resolve'), 'INVALID_PARAMETER_VALUE', /uri/);
    for (const [uri, message] of [
      ['models:/churn/2', /no version 2/],
      ['models:/churn@nope', /no alias 'nope'/],
      ['models:/churn/Staging', /no version in stage Staging/],
      ['models:/ghost/latest', /ghost/],
    ] as const) {
      expectErrorReply(await resolveError(uri), 'RESOURCE_DOES_NOT_EXIST', message);
    }
  });
});

describe('GET /api/v1/registry/events', () => {
  it('returns changes after a cursor, oldest first, with the last id', async () => {
    expect((await get('/api/v1/registry/events')).json()).toEqual({ events: [], last_event_id: 0 });
    await h.calls.uploadVersion('churn', tinyVariant(1), '', 'alice');
    const first = (await get('/api/v1/registry/events?after=0')).json<EventsReply>();
    expect(first.events.map((e) => e.type)).toEqual(['model.created', 'version.created']);
    expect(first.last_event_id).toBe(first.events[1]!.id);
    expect(first.events[1]).toEqual({
      id: expect.any(Number),
      time: expect.any(Number),
      type: 'version.created',
      payload: {
        model: 'churn',
        version: 1,
        subject: null,
        actor: 'alice',
        new: {
          source: 'upload:model.onnx',
          run_id: null,
          digest: sha256(tinyVariant(1)),
          status: 'READY',
        },
      },
    });

    await h.calls.setAlias('churn', 'champion', 1, 'bob');
    const next = (
      await get(`/api/v1/registry/events?after=${first.last_event_id}`)
    ).json<EventsReply>();
    expect(next.events.map((e): unknown[] => [e.type, e.payload.actor, e.payload.new])).toEqual([
      ['alias.set', 'bob', 1],
    ]);
    const idle = (
      await get(`/api/v1/registry/events?after=${next.last_event_id}`)
    ).json<EventsReply>();
    expect(idle).toEqual({ events: [], last_event_id: next.last_event_id });
    const limited = (await get('/api/v1/registry/events?after=0&limit=1')).json<EventsReply>();
    expect(limited.events.map((e) => e.type)).toEqual(['model.created']);
    expect(limited.last_event_id).toBe(limited.events[0]!.id);

    for (const query of ['after=-1', 'after=x', 'limit=0', 'limit=10001'])
      expectErrorReply(await get(`/api/v1/registry/events?${query}`), 'INVALID_PARAMETER_VALUE');
  });
});

describe('run inputs and lineage', () => {
  it('records run inputs and follows a version back to its run and inputs', async () => {
    const experiment = await h.calls.createExperiment('flights');
    const run = await h.calls.createRun({
      experiment_id: experiment.experiment_id,
      run_name: 'baseline',
    });
    const runId = run.info.run_id;
    await h.app.inject({
      method: 'POST',
      url: `/api/v1/runs/${runId}/params`,
      payload: { key: 'lr', value: '0.1' },
    });
    const digest = `sha256:${sha256('flights v3')}`;
    const logged = await h.app.inject({
      method: 'POST',
      url: `/api/v1/runs/${runId}/inputs`,
      payload: {
        inputs: [
          { kind: 'dataset', ref: 's3://lake/flights/2001.parquet', digest },
          { kind: 'file', ref: 's3://bucket/holidays.csv' },
        ],
      },
    });
    expect(logged.statusCode, logged.body).toBe(204);
    const inputs = await get(`/api/v1/runs/${runId}/inputs`);
    expect(inputs.statusCode).toBe(200);
    const expectedInputs = [
      { kind: 'dataset', ref: 's3://lake/flights/2001.parquet', digest },
      { kind: 'file', ref: 's3://bucket/holidays.csv', digest: null },
    ];
    expect(inputs.json<{ inputs: unknown[] }>().inputs).toEqual(
      expect.arrayContaining(expectedInputs),
    );

    const artifact = await h.calls.uploadArtifact(
      runId,
      'model/model.onnx',
      Buffer.from(tinyVariant('l')),
    );
    const version = await h.calls.registerVersion('delays', { source: `runs:/${runId}/model` });
    const response = await get('/api/v1/models/delays/versions/1/lineage');
    expect(response.statusCode, response.body).toBe(200);
    const { lineage } = response.json<{
      lineage: { model_version: unknown; run: Record<string, unknown>; inputs: unknown[] };
    }>();
    expect(lineage.model_version).toEqual({
      name: 'delays',
      version: 1,
      uri: 'models:/delays/1',
      source: `runs:/${runId}/model/model.onnx`,
      digest: artifact.digest,
      run_id: runId,
      status: 'READY',
      creation_time: version.creation_time,
    });
    expect(lineage.run).toEqual({ ...(await h.calls.getRun(runId)).info, params: { lr: '0.1' } });
    expect(lineage.run).toMatchObject({
      run_id: runId,
      run_name: 'baseline',
      experiment_id: experiment.experiment_id,
    });
    expect(lineage.inputs).toEqual(expect.arrayContaining(expectedInputs));
    expect(lineage.inputs).toHaveLength(2);

    await h.calls.uploadVersion('delays', tinyVariant('x'));
    const bare = (await get('/api/v1/models/delays/versions/2/lineage')).json<{
      lineage: { run: unknown; inputs: unknown[] };
    }>();
    expect(bare.lineage).toMatchObject({ run: null, inputs: [] });
    expectErrorReply(
      await get('/api/v1/models/delays/versions/3/lineage'),
      'RESOURCE_DOES_NOT_EXIST',
    );
    expectErrorReply(
      await get('/api/v1/models/ghost/versions/1/lineage'),
      'RESOURCE_DOES_NOT_EXIST',
    );
  });

  it('refuses malformed inputs and unknown runs', async () => {
    const runId = (await h.calls.createRun()).info.run_id;
    const post = (id: string, payload: object) =>
      h.app.inject({ method: 'POST', url: `/api/v1/runs/${id}/inputs`, payload });
    expectErrorReply(
      await post(runId, { inputs: [{ kind: 'Data Set', ref: 'x' }] }),
      'INVALID_PARAMETER_VALUE',
      /inputs\[0\]\.kind/,
    );
    expectErrorReply(
      await post(runId, { inputs: [{ kind: 'dataset', ref: 'x', extra: 1 }] }),
      'INVALID_PARAMETER_VALUE',
    );
    expectErrorReply(await post(runId, {}), 'INVALID_PARAMETER_VALUE', /inputs/);
    expectErrorReply(
      await post('0'.repeat(32), { inputs: [{ kind: 'dataset', ref: 'x' }] }),
      'RESOURCE_DOES_NOT_EXIST',
    );
    expectErrorReply(await get(`/api/v1/runs/${'0'.repeat(32)}/inputs`), 'RESOURCE_DOES_NOT_EXIST');
    expect((await get(`/api/v1/runs/${runId}/inputs`)).json()).toEqual({ inputs: [] });
  });
});
