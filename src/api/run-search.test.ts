import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunSearchReply } from '../testing/api-calls.js';
import { expectErrorReply, openApiHarness, type ApiHarness } from '../testing/api-harness.js';

let h: ApiHarness;
beforeEach(async () => {
  h = await openApiHarness();
});
afterEach(() => h.dispose());

const names = (reply: RunSearchReply) => reply.runs.map((r) => r.info.run_name);

describe('runs: search', () => {
  async function seed(): Promise<{ a: string; b: string }> {
    const a = (await h.calls.createExperiment('a')).experiment_id;
    const b = (await h.calls.createExperiment('b')).experiment_id;
    const runs: [string, string, number, string][] = [
      [a, 'a1', 0.7, 'adam'],
      [a, 'a2', 0.9, 'sgd'],
      [b, 'b1', 0.8, 'adam'],
    ];
    for (const [experimentId, name, acc, optimizer] of runs) {
      const run = await h.calls.createRun({ experiment_id: experimentId, run_name: name });
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
    expect(names(await h.calls.searchRuns({ order_by: ['metrics.acc DESC'] }))).toEqual([
      'a2',
      'b1',
      'a1',
    ]);
    expect(
      names(
        await h.calls.searchRuns({
          filter: "params.optimizer = 'adam'",
          order_by: ['metrics.acc ASC'],
        }),
      ),
    ).toEqual(['a1', 'b1']);
    expect(
      names(
        await h.calls.searchRuns({ experiment_ids: [a], order_by: ['attributes.run_name DESC'] }),
      ),
    ).toEqual(['a2', 'a1']);
    const found = await h.calls.searchRuns({ filter: 'metrics.acc > 0.85' });
    expect(found.runs).toHaveLength(1);
    expect(found.runs[0]!.data).toEqual({
      params: { optimizer: 'sgd' },
      tags: {},
      metrics: { acc: { key: 'acc', value: 0.9, step: 1, timestamp: expect.any(Number) } },
    });
  });

  it('offers the same search as GET /runs with repeated query parameters', async () => {
    const { a, b } = await seed();
    const reply = await h.calls.searchRunsByQuery(
      `experiment_ids=${a}&experiment_ids=${b}&order_by=${encodeURIComponent('metrics.acc DESC')}` +
        `&filter=${encodeURIComponent('metrics.acc < 0.85')}`,
    );
    expect(names(reply)).toEqual(['b1', 'a1']);
    expect(names(await h.calls.searchRunsByQuery(`experiment_ids=${b}`))).toEqual(['b1']);
  });

  it('pages with next_page_token in both forms', async () => {
    await seed();
    const order = ['attributes.run_name ASC'];
    const first = await h.calls.searchRuns({ order_by: order, max_results: 2 });
    expect(names(first)).toEqual(['a1', 'a2']);
    expect(first.next_page_token).toEqual(expect.any(String));
    const second = await h.calls.searchRuns({
      order_by: order,
      max_results: 2,
      page_token: first.next_page_token,
    });
    expect(names(second)).toEqual(['b1']);
    expect(second.next_page_token).toBeUndefined();

    const viaGet = await h.calls.searchRunsByQuery(
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
    expectErrorReply(await post({ order_by: ['metrics.acc SIDEWAYS'] }), 'INVALID_PARAMETER_VALUE');
    expectErrorReply(await post({ max_results: 50_001 }), 'INVALID_PARAMETER_VALUE', /max_results/);
    expectErrorReply(
      await post({ page_token: 'garbage' }),
      'INVALID_PARAMETER_VALUE',
      /page_token/,
    );
    expectErrorReply(await post({ filter: 5 }), 'INVALID_PARAMETER_VALUE', /body\.filter/);
    expectErrorReply(
      await post({ experiment_id: '0' }),
      'INVALID_PARAMETER_VALUE',
      /unknown field 'experiment_id'/,
    );
  });
});
