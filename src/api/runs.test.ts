import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunReply, RunSearchReply } from '../testing/api-calls.js';
import { expectErrorReply, openApiHarness, type ApiHarness } from '../testing/api-harness.js';

let h: ApiHarness;
beforeEach(async () => {
  h = await openApiHarness();
});
afterEach(() => h.dispose());

const names = (reply: RunSearchReply) => reply.runs.map((r) => r.info.run_name);

describe('runs: create, get, patch', () => {
  it('creates a run in the Default experiment with the full wire shape', async () => {
    const run = await h.calls.createRun();
    expect(run).toEqual({
      info: {
        run_id: expect.stringMatching(/^[0-9a-f]{32}$/),
        experiment_id: '0',
        run_name: expect.stringMatching(/^[a-z]+-[a-z]+-\d+$/),
        user_id: 'local',
        status: 'RUNNING',
        start_time: expect.any(Number),
        end_time: null,
        lifecycle_stage: 'active',
        parent_run_id: null,
      },
      data: { params: {}, tags: {}, metrics: {} },
    });
    const fetched = await h.app.inject({ method: 'GET', url: `/api/v1/runs/${run.info.run_id}` });
    expect(fetched.statusCode).toBe(200);
    expect(fetched.json<RunReply>().run).toEqual(run);
  });

  it('creates a run with every field given', async () => {
    const experimentId = (await h.calls.createExperiment('e')).experiment_id;
    const parent = await h.calls.createRun({ experiment_id: experimentId });
    const run = await h.calls.createRun({
      experiment_id: experimentId,
      run_name: 'child',
      tags: { stage: 'dev' },
      parent_run_id: parent.info.run_id,
      start_time: 1_700_000_000_000,
      user_id: 'ana',
    });
    expect(run.info).toMatchObject({
      experiment_id: experimentId,
      run_name: 'child',
      parent_run_id: parent.info.run_id,
      start_time: 1_700_000_000_000,
      user_id: 'ana',
    });
    expect(run.data.tags).toEqual({ stage: 'dev' });
  });

  it('refuses unknown experiments and parents, wrong types and unknown fields', async () => {
    const post = (payload: unknown) =>
      h.app.inject({ method: 'POST', url: '/api/v1/runs', payload: payload as object });
    expectErrorReply(await post({ experiment_id: '999' }), 'RESOURCE_DOES_NOT_EXIST', /999/);
    expectErrorReply(
      await post({ parent_run_id: 'f'.repeat(32) }),
      'RESOURCE_DOES_NOT_EXIST',
      /parent/,
    );
    expectErrorReply(await post({ run_name: 5 }), 'INVALID_PARAMETER_VALUE', /body\.run_name/);
    expectErrorReply(await post({ start_time: 1.5 }), 'INVALID_PARAMETER_VALUE', /start_time/);
    expectErrorReply(await post({ name: 'x' }), 'INVALID_PARAMETER_VALUE', /unknown field 'name'/);
    expect((await h.calls.searchRuns({ view: 'ALL' })).runs).toEqual([]);
  });

  it('404s an unknown run id on every run route', async () => {
    const id = '0'.repeat(32);
    for (const [method, url, payload] of [
      ['GET', `/api/v1/runs/${id}`, undefined],
      ['PATCH', `/api/v1/runs/${id}`, { status: 'FINISHED' }],
      ['DELETE', `/api/v1/runs/${id}`, undefined],
      ['POST', `/api/v1/runs/${id}/restore`, undefined],
    ] as const) {
      expectErrorReply(
        await h.app.inject({ method, url, payload }),
        'RESOURCE_DOES_NOT_EXIST',
        new RegExp(id),
      );
    }
  });

  it('patches status, end time and name; a terminal status stamps the end time', async () => {
    const run = await h.calls.createRun({ run_name: 'before' });
    const url = `/api/v1/runs/${run.info.run_id}`;
    const renamed = await h.app.inject({ method: 'PATCH', url, payload: { run_name: 'after' } });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json<RunReply>().run.info).toMatchObject({
      run_name: 'after',
      status: 'RUNNING',
      end_time: null,
    });

    const finished = await h.app.inject({ method: 'PATCH', url, payload: { status: 'FINISHED' } });
    expect(finished.statusCode).toBe(200);
    const info = finished.json<RunReply>().run.info;
    expect(info.status).toBe('FINISHED');
    expect(info.end_time).toBeGreaterThanOrEqual(run.info.start_time);

    const explicit = await h.app.inject({
      method: 'PATCH',
      url,
      payload: { status: 'KILLED', end_time: 1_800_000_000_000 },
    });
    expect(explicit.json<RunReply>().run.info).toMatchObject({
      status: 'KILLED',
      end_time: 1_800_000_000_000,
    });

    expectErrorReply(
      await h.app.inject({ method: 'PATCH', url, payload: { status: 'DONE' } }),
      'INVALID_PARAMETER_VALUE',
      /body\.status/,
    );
    expectErrorReply(
      await h.app.inject({ method: 'PATCH', url, payload: { end_time: '5' } }),
      'INVALID_PARAMETER_VALUE',
      /end_time/,
    );
  });

  it('soft-deletes and restores a run', async () => {
    const run = await h.calls.createRun({ run_name: 'r' });
    const url = `/api/v1/runs/${run.info.run_id}`;
    const deleted = await h.app.inject({ method: 'DELETE', url });
    expect(deleted.statusCode).toBe(200);
    expect(deleted.json<RunReply>().run.info.lifecycle_stage).toBe('deleted');
    expect(names(await h.calls.searchRuns({}))).toEqual([]);
    expect(names(await h.calls.searchRuns({ view: 'DELETED_ONLY' }))).toEqual(['r']);

    const restored = await h.app.inject({ method: 'POST', url: `${url}/restore` });
    expect(restored.statusCode).toBe(200);
    expect(restored.json<RunReply>().run.info.lifecycle_stage).toBe('active');
    expect(names(await h.calls.searchRuns({}))).toEqual(['r']);
  });
});
