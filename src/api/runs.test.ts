import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectErrorReply, openApiHarness, type ApiHarness } from '../testing/api-harness.js';
import type { WireRun } from './wire/schemas.js';

interface RunReply {
  run: WireRun;
}
interface SearchReply {
  runs: WireRun[];
  next_page_token?: string;
}

let h: ApiHarness;
beforeEach(async () => {
  h = await openApiHarness();
});
afterEach(() => h.dispose());

async function createRun(payload: Record<string, unknown> = {}): Promise<WireRun> {
  const response = await h.app.inject({ method: 'POST', url: '/api/v1/runs', payload });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<RunReply>().run;
}

async function createExperiment(name: string): Promise<string> {
  const response = await h.app.inject({
    method: 'POST',
    url: '/api/v1/experiments',
    payload: { name },
  });
  expect(response.statusCode).toBe(201);
  return response.json<{ experiment: { experiment_id: string } }>().experiment.experiment_id;
}

async function searchPost(payload: Record<string, unknown>): Promise<SearchReply> {
  const response = await h.app.inject({ method: 'POST', url: '/api/v1/runs/search', payload });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<SearchReply>();
}

async function searchGet(query: string): Promise<SearchReply> {
  const response = await h.app.inject({ method: 'GET', url: `/api/v1/runs?${query}` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<SearchReply>();
}

const names = (reply: SearchReply) => reply.runs.map((r) => r.info.run_name);

describe('runs: create, get, patch', () => {
  it('creates a run in the Default experiment with the full wire shape', async () => {
    const run = await createRun();
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
    const experimentId = await createExperiment('e');
    const parent = await createRun({ experiment_id: experimentId });
    const run = await createRun({
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
    expect((await searchPost({ view: 'ALL' })).runs).toEqual([]);
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
    const run = await createRun({ run_name: 'before' });
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
    const run = await createRun({ run_name: 'r' });
    const url = `/api/v1/runs/${run.info.run_id}`;
    const deleted = await h.app.inject({ method: 'DELETE', url });
    expect(deleted.statusCode).toBe(200);
    expect(deleted.json<RunReply>().run.info.lifecycle_stage).toBe('deleted');
    expect(names(await searchPost({}))).toEqual([]);
    expect(names(await searchPost({ view: 'DELETED_ONLY' }))).toEqual(['r']);

    const restored = await h.app.inject({ method: 'POST', url: `${url}/restore` });
    expect(restored.statusCode).toBe(200);
    expect(restored.json<RunReply>().run.info.lifecycle_stage).toBe('active');
    expect(names(await searchPost({}))).toEqual(['r']);
  });
});

describe('runs: search', () => {
  async function seed(): Promise<{ a: string; b: string }> {
    const a = await createExperiment('a');
    const b = await createExperiment('b');
    const runs: [string, string, number, string][] = [
      [a, 'a1', 0.7, 'adam'],
      [a, 'a2', 0.9, 'sgd'],
      [b, 'b1', 0.8, 'adam'],
    ];
    for (const [experimentId, name, acc, optimizer] of runs) {
      const run = await createRun({ experiment_id: experimentId, run_name: name });
      const batch = await h.app.inject({
        method: 'POST',
        url: `/api/v1/runs/${run.info.run_id}/batch`,
        payload: {
          metrics: [{ key: 'acc', value: acc, step: 1 }],
          params: [{ key: 'optimizer', value: optimizer }],
        },
      });
      expect(batch.statusCode).toBe(204);
    }
    return { a, b };
  }

  it('filters, orders and limits to experiments via POST /runs/search', async () => {
    const { a } = await seed();
    expect(names(await searchPost({ order_by: ['metrics.acc DESC'] }))).toEqual(['a2', 'b1', 'a1']);
    expect(
      names(
        await searchPost({ filter: "params.optimizer = 'adam'", order_by: ['metrics.acc ASC'] }),
      ),
    ).toEqual(['a1', 'b1']);
    expect(
      names(await searchPost({ experiment_ids: [a], order_by: ['attributes.run_name DESC'] })),
    ).toEqual(['a2', 'a1']);
    const found = await searchPost({ filter: 'metrics.acc > 0.85' });
    expect(found.runs).toHaveLength(1);
    expect(found.runs[0]!.data).toEqual({
      params: { optimizer: 'sgd' },
      tags: {},
      metrics: { acc: { key: 'acc', value: 0.9, step: 1, timestamp: expect.any(Number) } },
    });
  });

  it('offers the same search as GET /runs with repeated query parameters', async () => {
    const { a, b } = await seed();
    const reply = await searchGet(
      `experiment_ids=${a}&experiment_ids=${b}&order_by=${encodeURIComponent('metrics.acc DESC')}` +
        `&filter=${encodeURIComponent('metrics.acc < 0.85')}`,
    );
    expect(names(reply)).toEqual(['b1', 'a1']);
    expect(names(await searchGet(`experiment_ids=${b}`))).toEqual(['b1']);
  });

  it('pages with next_page_token in both forms', async () => {
    await seed();
    const order = ['attributes.run_name ASC'];
    const first = await searchPost({ order_by: order, max_results: 2 });
    expect(names(first)).toEqual(['a1', 'a2']);
    expect(first.next_page_token).toEqual(expect.any(String));
    const second = await searchPost({
      order_by: order,
      max_results: 2,
      page_token: first.next_page_token,
    });
    expect(names(second)).toEqual(['b1']);
    expect(second.next_page_token).toBeUndefined();

    const viaGet = await searchGet(
      `order_by=${encodeURIComponent(order[0]!)}&max_results=2&page_token=${first.next_page_token}`,
    );
    expect(names(viaGet)).toEqual(['b1']);
  });

  it('refuses invalid filters (with the position), order_by, max_results and page tokens', async () => {
    const post = (payload: unknown) =>
      h.app.inject({ method: 'POST', url: '/api/v1/runs/search', payload: payload as object });
    const body = expectErrorReply(
      await post({ filter: 'metrics.acc >> 1' }),
      'INVALID_PARAMETER_VALUE',
    );
    expect(body.message).toMatch(/invalid filter .* at position 14/);
    expectErrorReply(
      await h.app.inject({
        method: 'GET',
        url: `/api/v1/runs?filter=${encodeURIComponent('bogus = 1')}`,
      }),
      'INVALID_PARAMETER_VALUE',
      /position 1: unknown attribute 'bogus'/,
    );
    expectErrorReply(
      await post({ order_by: ['metrics.acc SIDEWAYS'] }),
      'INVALID_PARAMETER_VALUE',
    );
    expectErrorReply(
      await post({ max_results: 50_001 }),
      'INVALID_PARAMETER_VALUE',
      /max_results/,
    );
    expectErrorReply(await post({ page_token: 'garbage' }), 'INVALID_PARAMETER_VALUE', /page_token/);
    expectErrorReply(await post({ filter: 5 }), 'INVALID_PARAMETER_VALUE', /body\.filter/);
    expectErrorReply(
      await post({ experiment_id: '0' }),
      'INVALID_PARAMETER_VALUE',
      /unknown field 'experiment_id'/,
    );
  });
});
