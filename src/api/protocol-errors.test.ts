import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { latestSchemaVersion } from '../store/index.js';
import { expectErrorReply, openApiHarness, type ApiHarness } from '../testing/api-harness.js';
import { gyreVersion } from '../core/version.js';

let h: ApiHarness;
let runId: string;
beforeEach(async () => {
  h = await openApiHarness({ jsonBodyLimit: 1024 });
  runId = (await h.calls.createRun()).info.run_id;
});
afterEach(() => h.dispose());

const postRaw = (url: string, payload: string | Buffer, contentType = 'application/json') =>
  h.app.inject({ method: 'POST', url, headers: { 'content-type': contentType }, payload });

describe('request bodies', () => {
  it('answers a JSON body over json_body_limit with 413 PAYLOAD_TOO_LARGE and writes nothing', async () => {
    const tags = (size: number) => ({ tags: [{ key: 'note', value: 'x'.repeat(size) }] });
    const fits = JSON.stringify(tags(900));
    expect(Buffer.byteLength(fits)).toBeLessThanOrEqual(1024);
    expect((await postRaw(`/api/v1/runs/${runId}/batch`, fits)).statusCode).toBe(204);

    const tooLarge = JSON.stringify(tags(2000));
    expectErrorReply(
      await postRaw(`/api/v1/runs/${runId}/batch`, tooLarge),
      'PAYLOAD_TOO_LARGE',
      /1024 bytes \(json_body_limit\)/,
    );
    expect((await h.calls.getRun(runId)).data.tags.note).toHaveLength(900);
    expectErrorReply(
      await postRaw('/api/v1/experiments', JSON.stringify({ name: 'n'.repeat(1100) })),
      'PAYLOAD_TOO_LARGE',
    );
  });

  it('answers malformed JSON with 400 BAD_REQUEST', async () => {
    for (const body of ['{"name":', '{name: "x"}', "{'name':'x'}", '{"name":"x"} trailing']) {
      expectErrorReply(await postRaw('/api/v1/experiments', body), 'BAD_REQUEST', /not valid JSON/);
    }
  });

  it('answers invalid UTF-8 bytes inside a JSON key with 400 BAD_REQUEST', async () => {
    const body = Buffer.concat([
      Buffer.from('{"name":"e","tags":{"k'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('":"v"}}'),
    ]);
    expectErrorReply(await postRaw('/api/v1/experiments', body), 'BAD_REQUEST', /UTF-8/);
    // An overlong encoding of '/' is invalid UTF-8 too.
    const overlong = Buffer.concat([
      Buffer.from('{"key":"a'),
      Buffer.from([0xc0, 0xaf]),
      Buffer.from('b","value":"v"}'),
    ]);
    expectErrorReply(
      await postRaw(`/api/v1/runs/${runId}/params`, overlong),
      'BAD_REQUEST',
      /UTF-8/,
    );
    const experiments = await h.app.inject({ method: 'GET', url: '/api/v1/experiments?view=ALL' });
    expect(experiments.json<{ experiments: unknown[] }>().experiments).toHaveLength(1);
    expect((await h.calls.getRun(runId)).data.params).toEqual({});
  });

  it('answers a JSON escape that decodes to a lone surrogate in a key with 400', async () => {
    expectErrorReply(
      await postRaw('/api/v1/experiments', '{"name":"e","tags":{"\\ud800":"v"}}'),
      'INVALID_PARAMETER_VALUE',
      /lone surrogate/,
    );
    expectErrorReply(
      await postRaw(`/api/v1/runs/${runId}/params`, '{"key":"\\udfff","value":"v"}'),
      'INVALID_PARAMETER_VALUE',
      /lone surrogate/,
    );
    const tag = await h.app.inject({
      method: 'PUT',
      url: `/api/v1/runs/${runId}/tags`,
      headers: { 'content-type': 'application/json' },
      payload: '{"key":"ok","value":"x\\ud800"}',
    });
    expectErrorReply(tag, 'INVALID_PARAMETER_VALUE', /lone surrogate/);
    // A correctly paired surrogate is fine.
    expect(
      (await postRaw(`/api/v1/runs/${runId}/params`, '{"key":"p","value":"\\ud83d\\ude00"}'))
        .statusCode,
    ).toBe(204);
    expect((await h.calls.getRun(runId)).data).toMatchObject({ params: { p: '😀' }, tags: {} });
  });

  it('refuses prototype-polluting keys', async () => {
    expectErrorReply(
      await postRaw('/api/v1/experiments', '{"name":"x","__proto__":{"admin":true}}'),
      'BAD_REQUEST',
    );
    expectErrorReply(
      await postRaw('/api/v1/experiments', '{"name":"x","constructor":{"prototype":{"a":1}}}'),
      'BAD_REQUEST',
    );
  });

  it('answers an unsupported content type with 415', async () => {
    for (const type of ['application/xml', 'application/x-www-form-urlencoded']) {
      expectErrorReply(
        await postRaw('/api/v1/experiments', 'name=x', type),
        'UNSUPPORTED_MEDIA_TYPE',
        new RegExp(type.replace('/', '\\/')),
      );
    }
  });

  // What `fetch(url, { method: 'POST', body: JSON.stringify(x) })` sends when the header is
  // forgotten: it must be a clear 415, not a confusing validation error.
  it('answers a text/plain body on a JSON endpoint with 415', async () => {
    expectErrorReply(
      await postRaw('/api/v1/experiments', '{"name":"x"}', 'text/plain;charset=UTF-8'),
      'UNSUPPORTED_MEDIA_TYPE',
    );
  });

  it('refuses an empty JSON body where an object is required', async () => {
    expectErrorReply(await postRaw('/api/v1/experiments', ''), 'INVALID_PARAMETER_VALUE', /body/);
  });
});

describe('endpoints', () => {
  it('reports the version and schema version', async () => {
    const response = await h.app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      status: 'ok',
      version: gyreVersion,
      schema_version: latestSchemaVersion,
    });
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers unknown endpoints and methods with 404 ENDPOINT_NOT_FOUND', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/nope?x=1'],
      ['GET', '/'],
      ['POST', '/api/v2/runs'],
      ['PUT', '/api/v1/experiments'],
      ['DELETE', '/api/v1/runs'],
    ] as const) {
      const body = expectErrorReply(await h.app.inject({ method, url }), 'ENDPOINT_NOT_FOUND');
      expect(body.message).toBe(`no endpoint ${method} ${url.split('?')[0]}`);
    }
  });

  it('serves the OpenAPI document listing every route', async () => {
    const response = await h.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(response.statusCode).toBe(200);
    const paths = Object.keys(response.json<{ paths: Record<string, unknown> }>().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/experiments',
        '/api/v1/runs/search',
        '/api/v1/runs/{run_id}/batch',
        '/api/v1/runs/{run_id}/artifacts/archive',
      ]),
    );
  });

  it('echoes a client x-request-id', async () => {
    const response = await h.app.inject({
      method: 'GET',
      url: '/api/v1/health',
      headers: { 'x-request-id': 'trace-123' },
    });
    expect(response.headers['x-request-id']).toBe('trace-123');
  });
});
