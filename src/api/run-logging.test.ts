import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectErrorReply, openApiHarness, type ApiHarness } from '../testing/api-harness.js';

let h: ApiHarness;
let runId: string;
beforeEach(async () => {
  h = await openApiHarness();
  runId = (await h.calls.createRun()).info.run_id;
});
afterEach(() => h.dispose());

const post = (path: string, payload: unknown) =>
  h.app.inject({ method: 'POST', url: `/api/v1/runs/${runId}${path}`, payload: payload as object });

describe('run logging', () => {
  it('logs a batch of metrics, params and tags atomically', async () => {
    const response = await post('/batch', {
      metrics: [
        { key: 'loss', value: 0.5, step: 0, timestamp: 1000 },
        { key: 'loss', value: 0.25, step: 1, timestamp: 2000 },
      ],
      params: [{ key: 'lr', value: '0.01' }],
      tags: [{ key: 'team', value: 'risk' }],
    });
    expect(response.statusCode, response.body).toBe(204);
    expect(response.body).toBe('');
    expect((await h.calls.getRun(runId)).data).toEqual({
      params: { lr: '0.01' },
      tags: { team: 'risk' },
      metrics: { loss: { key: 'loss', value: 0.25, step: 1, timestamp: 2000 } },
    });
  });

  it('logs single metrics, params and tags, and deletes tags', async () => {
    expect((await post('/metrics', { key: 'acc', value: 0.9 })).statusCode).toBe(204);
    expect((await post('/params', { key: 'seed', value: '42' })).statusCode).toBe(204);
    // Re-logging the same value is allowed.
    expect((await post('/params', { key: 'seed', value: '42' })).statusCode).toBe(204);
    const tag = await h.app.inject({
      method: 'PUT',
      url: `/api/v1/runs/${runId}/tags`,
      payload: { key: 'note', value: 'hi' },
    });
    expect(tag.statusCode).toBe(204);
    const data = (await h.calls.getRun(runId)).data;
    expect(data.params).toEqual({ seed: '42' });
    expect(data.tags).toEqual({ note: 'hi' });
    expect(data.metrics.acc).toMatchObject({ key: 'acc', value: 0.9, step: 0 });

    const removed = await h.app.inject({
      method: 'DELETE',
      url: `/api/v1/runs/${runId}/tags?key=note`,
    });
    expect(removed.statusCode).toBe(204);
    expect((await h.calls.getRun(runId)).data.tags).toEqual({});
    expectErrorReply(
      await h.app.inject({ method: 'DELETE', url: `/api/v1/runs/${runId}/tags?key=note` }),
      'RESOURCE_DOES_NOT_EXIST',
      /note/,
    );
  });

  it('round-trips NaN and ±Infinity as strings', async () => {
    const response = await post('/batch', {
      metrics: [
        { key: 'odd', value: 'NaN', step: 0 },
        { key: 'odd', value: 'Infinity', step: 1 },
        { key: 'odd', value: '-Infinity', step: 2 },
      ],
    });
    expect(response.statusCode, response.body).toBe(204);
    expect((await h.calls.metricHistory(runId, 'odd')).metrics.map((m) => m.value)).toEqual([
      'NaN',
      'Infinity',
      '-Infinity',
    ]);
    expect((await h.calls.getRun(runId)).data.metrics.odd!.value).toBe('-Infinity');
    expect((await post('/metrics', { key: 'nan', value: 'NaN' })).statusCode).toBe(204);
    expect((await h.calls.getRun(runId)).data.metrics.nan!.value).toBe('NaN');
  });

  it('pages metric history by step with next_page_token', async () => {
    const metrics = Array.from({ length: 5 }, (_, step) => ({
      key: 'loss',
      value: step / 10,
      step,
      timestamp: 1000 + step,
    }));
    expect((await post('/batch', { metrics: metrics.reverse() })).statusCode).toBe(204);

    const first = await h.calls.metricHistory(runId, 'loss', '&max_results=2');
    expect(first.metrics.map((m) => m.step)).toEqual([0, 1]);
    expect(first.metrics[1]).toEqual({ key: 'loss', value: 0.1, step: 1, timestamp: 1001 });
    const token = first.next_page_token!;
    expect(token).toEqual(expect.any(String));
    const second = await h.calls.metricHistory(runId, 'loss', `&max_results=2&page_token=${token}`);
    expect(second.metrics.map((m) => m.step)).toEqual([2, 3]);
    const third = await h.calls.metricHistory(
      runId,
      'loss',
      `&max_results=2&page_token=${second.next_page_token}`,
    );
    expect(third.metrics.map((m) => m.step)).toEqual([4]);
    expect(third.next_page_token).toBeUndefined();

    expectErrorReply(
      await h.app.inject({
        method: 'GET',
        url: `/api/v1/runs/${runId}/metrics/history?key=other&max_results=2&page_token=${token}`,
      }),
      'INVALID_PARAMETER_VALUE',
      /page_token/,
    );
    expectErrorReply(
      await h.app.inject({ method: 'GET', url: `/api/v1/runs/${runId}/metrics/history` }),
      'INVALID_PARAMETER_VALUE',
      /key/,
    );
    expectErrorReply(
      await h.app.inject({
        method: 'GET',
        url: `/api/v1/runs/${'0'.repeat(32)}/metrics/history?key=loss`,
      }),
      'RESOURCE_DOES_NOT_EXIST',
    );
  });
});
