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

describe('run logging errors', () => {
  it('refuses wrong value types and unknown fields', async () => {
    expectErrorReply(
      await post('/metrics', { key: 'm', value: '1.5' }),
      'INVALID_PARAMETER_VALUE',
      /body\.value must be a number, or one of "NaN", "Infinity", "-Infinity"/,
    );
    expectErrorReply(
      await post('/batch', { metrics: [{ key: 'm', value: 1, step: 'one' }] }),
      'INVALID_PARAMETER_VALUE',
      /body\.metrics\[0\]\.step must be an integer/,
    );
    expectErrorReply(
      await post('/params', { key: 'p', value: 3 }),
      'INVALID_PARAMETER_VALUE',
      /body\.value must be a string/,
    );
    expectErrorReply(
      await post('/batch', { metrics: [], extra: true }),
      'INVALID_PARAMETER_VALUE',
      /unknown field 'extra'/,
    );
    expectErrorReply(
      await post('/batch', { params: [{ key: 'p', value: 'v', note: 'x' }] }),
      'INVALID_PARAMETER_VALUE',
      /body\.params\[0\] has unknown field 'note'/,
    );
  });

  it('refuses over-long keys and values', async () => {
    expectErrorReply(
      await post('/metrics', { key: 'k'.repeat(251), value: 1 }),
      'INVALID_PARAMETER_VALUE',
      /251 characters; the limit is 250/,
    );
    expectErrorReply(
      await post('/params', { key: 'p'.repeat(251), value: 'v' }),
      'INVALID_PARAMETER_VALUE',
      /limit is 250/,
    );
    expect(
      (await post('/params', { key: 'k'.repeat(250), value: 'v'.repeat(6000) })).statusCode,
    ).toBe(204);
    expectErrorReply(
      await post('/params', { key: 'long', value: 'v'.repeat(6001) }),
      'INVALID_PARAMETER_VALUE',
      /param 'long' value has 6001 characters; the limit is 6000/,
    );
    expectErrorReply(
      await post('/batch', { metrics: [{ key: 'bad/../key', value: 1 }] }),
      'INVALID_PARAMETER_VALUE',
      /'\.\.'/,
    );
  });

  it('refuses a param re-logged with a different value, naming both values', async () => {
    expect((await post('/params', { key: 'lr', value: '0.01' })).statusCode).toBe(204);
    const body = expectErrorReply(
      await post('/params', { key: 'lr', value: '0.02' }),
      'INVALID_PARAMETER_VALUE',
    );
    expect(body.message).toContain("'0.01'");
    expect(body.message).toContain("'0.02'");
    expect((await h.calls.getRun(runId)).data.params).toEqual({ lr: '0.01' });
  });

  it('writes nothing of a batch that fails', async () => {
    expect((await post('/params', { key: 'lr', value: '0.01' })).statusCode).toBe(204);
    // Fails in the store (param conflict), after metrics and tags have passed validation.
    expectErrorReply(
      await post('/batch', {
        metrics: [{ key: 'loss', value: 1 }],
        params: [
          { key: 'fresh', value: 'x' },
          { key: 'lr', value: '0.5' },
        ],
        tags: [{ key: 't', value: 'v' }],
      }),
      'INVALID_PARAMETER_VALUE',
      /'0\.01'.*'0\.5'/,
    );
    // Fails in validation, on the last entry.
    expectErrorReply(
      await post('/batch', {
        metrics: [
          { key: 'loss', value: 1 },
          { key: 'bad key!', value: 2 },
        ],
        tags: [{ key: 't', value: 'v' }],
      }),
      'INVALID_PARAMETER_VALUE',
      /bad key!/,
    );
    const data = (await h.calls.getRun(runId)).data;
    expect(data).toEqual({ params: { lr: '0.01' }, tags: {}, metrics: {} });
    expect((await h.calls.metricHistory(runId, 'loss')).metrics).toEqual([]);
  });

  it('refuses a key that is a lone surrogate after JSON unescaping', async () => {
    const response = await h.app.inject({
      method: 'POST',
      url: `/api/v1/runs/${runId}/batch`,
      headers: { 'content-type': 'application/json' },
      payload: '{"metrics":[{"key":"a\\ud800","value":1}]}',
    });
    expectErrorReply(response, 'INVALID_PARAMETER_VALUE', /lone surrogate/);
    expect((await h.calls.getRun(runId)).data.metrics).toEqual({});
  });

  it('refuses invalid UTF-8 bytes inside a key with BAD_REQUEST', async () => {
    const payload = Buffer.concat([
      Buffer.from('{"params":[{"key":"p'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('","value":"v"}]}'),
    ]);
    const response = await h.app.inject({
      method: 'POST',
      url: `/api/v1/runs/${runId}/batch`,
      headers: { 'content-type': 'application/json' },
      payload,
    });
    expectErrorReply(response, 'BAD_REQUEST', /UTF-8/);
    expect((await h.calls.getRun(runId)).data.params).toEqual({});
  });

  it('refuses logging to a deleted run, and 404s an unknown run', async () => {
    await h.app.inject({ method: 'DELETE', url: `/api/v1/runs/${runId}` });
    expectErrorReply(
      await post('/metrics', { key: 'm', value: 1 }),
      'INVALID_PARAMETER_VALUE',
      /deleted/,
    );
    const unknown = '0'.repeat(32);
    for (const [method, path, payload] of [
      ['POST', '/batch', { metrics: [{ key: 'm', value: 1 }] }],
      ['POST', '/metrics', { key: 'm', value: 1 }],
      ['POST', '/params', { key: 'p', value: 'v' }],
      ['PUT', '/tags', { key: 't', value: 'v' }],
    ] as const) {
      expectErrorReply(
        await h.app.inject({ method, url: `/api/v1/runs/${unknown}${path}`, payload }),
        'RESOURCE_DOES_NOT_EXIST',
        new RegExp(unknown),
      );
    }
  });
});
