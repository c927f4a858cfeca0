import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectErrorReply, openApiHarness, type ApiHarness } from '../testing/api-harness.js';
import { paddleModels } from '../testing/paddle-models.js';
import { sha256, tinyVariant } from '../testing/registry-fixtures.js';
import { tinyAddModel } from '../testing/tiny-onnx.js';
import type { WireModelVersion } from './wire/registry-schemas.js';

let h: ApiHarness;
beforeEach(async () => {
  h = await openApiHarness();
});
afterEach(() => h.dispose());

const cls = readFileSync(paddleModels.cls);

const inject = (
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  payload?: object,
) => h.app.inject({ method, url, payload });

const upload = (name: string, bytes: Uint8Array, query = '') =>
  h.app.inject({
    method: 'POST',
    url: `/api/v1/models/${name}/versions/upload${query}`,
    headers: { 'content-type': 'application/octet-stream' },
    payload: Buffer.from(bytes),
  });

interface VersionList {
  model_versions: WireModelVersion[];
  next_page_token?: string;
}

describe('registering versions', () => {
  it('registers a run artifact from runs:/ (JSON) and links the run', async () => {
    const runId = (await h.calls.createRun()).info.run_id;
    const artifact = await h.calls.uploadArtifact(runId, 'model/cls.onnx', cls);
    const version = await h.calls.registerVersion(
      'ocr-cls',
      {
        source: `runs:/${runId}/model`,
        description: 'direction classifier',
        tags: { lang: 'ch' },
        aliases: ['champion'],
      },
      'alice',
    );
    expect(version).toEqual({
      name: 'ocr-cls',
      version: 1,
      uri: 'models:/ocr-cls/1',
      source: `runs:/${runId}/model/cls.onnx`,
      run_id: runId,
      status: 'READY',
      status_message: '',
      description: 'direction classifier',
      stage: 'None',
      user_id: 'alice',
      creation_time: expect.any(Number),
      last_update_time: expect.any(Number),
      lifecycle_stage: 'active',
      digest: artifact.digest,
      size: cls.byteLength,
      signature: {
        inputs: [
          {
            name: 'x',
            type: {
              kind: 'tensor',
              element_type: 'FLOAT',
              shape: [
                'p2o.DynamicDimension.0',
                3,
                'p2o.DynamicDimension.1',
                'p2o.DynamicDimension.2',
              ],
            },
          },
        ],
        outputs: [
          {
            name: 'softmax_0.tmp_0',
            type: {
              kind: 'tensor',
              element_type: 'FLOAT',
              shape: ['p2o.DynamicDimension.3', 2],
            },
          },
        ],
      },
      feature_schema: null,
      class_labels: null,
      onnx: expect.objectContaining({
        ir_version: 8,
        opsets: [{ domain: '', version: 9 }],
        initializers: { count: 0, bytes: 0 },
      }),
      tags: { lang: 'ch' },
      aliases: ['champion'],
    } satisfies WireModelVersion);
    expect(await h.calls.getVersion('ocr-cls', 1)).toEqual(version);

    const copy = await h.calls.registerVersion('ocr-cls-eu', {
      source: 'models:/ocr-cls@champion',
    });
    expect(copy).toMatchObject({
      source: 'models:/ocr-cls/1',
      run_id: runId,
      digest: artifact.digest,
    });
  });

  it('registers the raw body of /versions/upload (PaddleOCR cls bytes)', async () => {
    const runId = (await h.calls.createRun()).info.run_id;
    const version = await h.calls.uploadVersion(
      'ocr',
      cls,
      `file_name=cls.onnx&run_id=${runId}&description=raw&alias=champion&alias=challenger`,
      'ci-bot',
    );
    expect(version).toMatchObject({
      version: 1,
      source: 'upload:cls.onnx',
      run_id: runId,
      description: 'raw',
      user_id: 'ci-bot',
      digest: sha256(cls),
      size: cls.byteLength,
      status: 'READY',
    });
    expect([...version.aliases].sort()).toEqual(['challenger', 'champion']);
    expect((await h.calls.getModel('ocr')).aliases).toEqual({ champion: 1, challenger: 1 });
    // Without a file name the source still says it was uploaded.
    expect((await h.calls.uploadVersion('ocr', cls)).source).toBe('upload:model.onnx');
  });

  it('takes feature_schema and class_labels in the JSON request', async () => {
    const runId = (await h.calls.createRun()).info.run_id;
    await h.calls.uploadArtifact(
      runId,
      'm.onnx',
      Buffer.from(tinyAddModel({ metadata: { 'gyre.classes': '["a","b"]' } })),
    );
    const fromMetadata = await h.calls.registerVersion('t', { source: `runs:/${runId}/m.onnx` });
    expect(fromMetadata.class_labels).toEqual(['a', 'b']);
    const overridden = await h.calls.registerVersion('t', {
      source: `runs:/${runId}/m.onnx`,
      feature_schema: [{ name: 'amount', type: 'numeric', input: 'x' }],
      class_labels: ['no', 'yes'],
    });
    expect(overridden.feature_schema).toEqual([{ name: 'amount', type: 'numeric', input: 'x' }]);
    expect(overridden.class_labels).toEqual(['no', 'yes']);
    expectErrorReply(
      await inject('POST', '/api/v1/models/t/versions', {
        source: `runs:/${runId}/m.onnx`,
        feature_schema: [{ name: 'amount', type: 'money', input: 'x' }],
      }),
      'INVALID_PARAMETER_VALUE',
      /feature_schema\[0\]\.type must be one of/,
    );
  });

  it('answers 400 with the byte position for a truncated upload, and creates nothing', async () => {
    expectErrorReply(
      await upload('ocr', cls.subarray(0, 1000)),
      'INVALID_PARAMETER_VALUE',
      /^not an ONNX model: protobuf parse failed at byte 877 \(index out of range: 877 \+ 128 > 1000\)$/,
    );
    expectErrorReply(
      await upload('ocr', tinyAddModel({ opType: 'NoSuchOp' })),
      'INVALID_PARAMETER_VALUE',
      /^onnxruntime cannot load the model: .*NoSuchOp/,
    );
    expectErrorReply(
      await upload('ocr', Buffer.from('{"not": "onnx"}')),
      'INVALID_PARAMETER_VALUE',
      /^not an ONNX model/,
    );
    expectErrorReply(await upload('ocr', Buffer.alloc(0)), 'INVALID_PARAMETER_VALUE', /empty/);
    expectErrorReply(await inject('GET', '/api/v1/models/ocr'), 'RESOURCE_DOES_NOT_EXIST');
    const events = await inject('GET', '/api/v1/registry/events');
    expect(events.json()).toEqual({ events: [], last_event_id: 0 });
  });

  it('refuses local paths, unknown runs and bad bodies on the JSON endpoint', async () => {
    expectErrorReply(
      await inject('POST', '/api/v1/models/m/versions', { source: '/tmp/model.onnx' }),
      'INVALID_PARAMETER_VALUE',
      /a local path means nothing to the server.*\/api\/v1\/models\/m\/versions\/upload/,
    );
    expectErrorReply(
      await inject('POST', '/api/v1/models/m/versions', { source: `runs:/${'0'.repeat(32)}/m` }),
      'RESOURCE_DOES_NOT_EXIST',
      /no run/,
    );
    expectErrorReply(
      await inject('POST', '/api/v1/models/m/versions', { source: 'models:/ghost/1' }),
      'RESOURCE_DOES_NOT_EXIST',
      /ghost/,
    );
    expectErrorReply(
      await inject('POST', '/api/v1/models/m/versions', {}),
      'INVALID_PARAMETER_VALUE',
      /source/,
    );
    expectErrorReply(
      await inject('POST', '/api/v1/models/m/versions', { source: 'models:/x/1', alias: 'a' }),
      'INVALID_PARAMETER_VALUE',
      /alias/,
    );
  });
});

describe('reading and changing versions', () => {
  /** Three tiny versions of `m`; the bytes of each by number. */
  async function seed(): Promise<Record<number, Uint8Array>> {
    const bytes: Record<number, Uint8Array> = {};
    for (const i of [1, 2, 3]) {
      const variant = tinyVariant(i);
      bytes[i] = variant;
      await h.calls.uploadVersion('m', variant);
    }
    return bytes;
  }

  it('lists, searches and gets versions, by number and latest', async () => {
    await seed();
    await h.calls.uploadVersion('other', tinyVariant('o'));
    const list = await inject('GET', '/api/v1/models/m/versions');
    expect(list.statusCode).toBe(200);
    expect(list.json<VersionList>().model_versions.map((v) => v.version)).toEqual([3, 2, 1]);
    const paged = (
      await inject('GET', '/api/v1/models/m/versions?max_results=2')
    ).json<VersionList>();
    expect(paged.model_versions.map((v) => v.version)).toEqual([3, 2]);
    const rest = await inject(
      'GET',
      `/api/v1/models/m/versions?max_results=2&page_token=${encodeURIComponent(paged.next_page_token!)}`,
    );
    expect(rest.json<VersionList>().model_versions.map((v) => v.version)).toEqual([1]);

    const search = async (query: string) =>
      (await inject('GET', `/api/v1/model-versions?${query}`))
        .json<VersionList>()
        .model_versions.map((v) => v.uri);
    expect(await search('')).toEqual([
      'models:/m/3',
      'models:/m/2',
      'models:/m/1',
      'models:/other/1',
    ]);
    expect(await search(`filter=${encodeURIComponent("name = 'm' and version > 1")}`)).toEqual([
      'models:/m/3',
      'models:/m/2',
    ]);
    expect(await search(`order_by=${encodeURIComponent('version ASC')}&max_results=2`)).toEqual([
      'models:/m/1',
      'models:/other/1',
    ]);

    expect((await h.calls.getVersion('m', 2)).version).toBe(2);
    expect((await h.calls.getVersion('m', 'latest')).version).toBe(3);
    expectErrorReply(
      await inject('GET', '/api/v1/models/m/versions/9'),
      'RESOURCE_DOES_NOT_EXIST',
      /no version 9/,
    );
    expectErrorReply(
      await inject('GET', '/api/v1/models/m/versions/first'),
      'INVALID_PARAMETER_VALUE',
      /positive integer/,
    );
    expectErrorReply(
      await inject('GET', '/api/v1/models/ghost/versions/latest'),
      'RESOURCE_DOES_NOT_EXIST',
    );
  });

  // The name goes into a filter string; a backslash in it must stay a backslash.
  it('lists the versions of a model whose name holds a backslash', async () => {
    await h.calls.uploadVersion('ab', tinyVariant('ab'));
    await h.calls.uploadVersion(encodeURIComponent('a\\b'), tinyVariant('a-b'));
    const response = await inject('GET', `/api/v1/models/${encodeURIComponent('a\\b')}/versions`);
    expect(response.json<VersionList>().model_versions.map((v) => v.uri)).toEqual([
      'models:/a\\b/1',
    ]);
  });

  it('patches, tags and stages a version', async () => {
    await seed();
    const patched = await inject('PATCH', '/api/v1/models/m/versions/2', { description: 'better' });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json<{ model_version: WireModelVersion }>().model_version.description).toBe(
      'better',
    );

    expect(
      (await inject('PUT', '/api/v1/models/m/versions/2/tags', { key: 'ok', value: 'yes' }))
        .statusCode,
    ).toBe(204);
    expect((await h.calls.getVersion('m', 2)).tags).toEqual({ ok: 'yes' });
    expect((await inject('DELETE', '/api/v1/models/m/versions/2/tags?key=ok')).statusCode).toBe(
      204,
    );
    expect((await h.calls.getVersion('m', 2)).tags).toEqual({});
    expectErrorReply(
      await inject('DELETE', '/api/v1/models/m/versions/2/tags?key=ok'),
      'RESOURCE_DOES_NOT_EXIST',
      /no tag 'ok'/,
    );

    const stage = (version: number, body: object) =>
      inject('POST', `/api/v1/models/m/versions/${version}/stage`, body);
    expect(
      (await stage(1, { stage: 'Production' })).json<{ model_version: WireModelVersion }>()
        .model_version.stage,
    ).toBe('Production');
    await stage(2, { stage: 'Production' });
    await stage(3, { stage: 'production', archive_existing_versions: true });
    const stages = (await inject('GET', '/api/v1/models/m/versions'))
      .json<VersionList>()
      .model_versions.map((v) => [v.version, v.stage]);
    expect(stages).toEqual([
      [3, 'Production'],
      [2, 'Archived'],
      [1, 'Archived'],
    ]);
    expectErrorReply(
      await stage(1, { stage: 'Live' }),
      'INVALID_PARAMETER_VALUE',
      /stage must be one of/,
    );
    expectErrorReply(await stage(9, { stage: 'None' }), 'RESOURCE_DOES_NOT_EXIST');
  });

  it('refuses to delete a version an alias points to (409 naming it); force removes the alias', async () => {
    await seed();
    await h.calls.setAlias('m', 'champion', 3);
    expectErrorReply(
      await inject('DELETE', '/api/v1/models/m/versions/3'),
      'RESOURCE_CONFLICT',
      /version 3 of 'm' is the target of alias\(es\) champion/,
    );
    expect((await h.calls.getVersion('m', 'latest')).version).toBe(3);
    const forced = await inject('DELETE', '/api/v1/models/m/versions/3?force=true');
    expect(forced.statusCode, forced.body).toBe(200);
    expect(forced.json()).toEqual({ deleted: { aliases: ['champion'] } });
    expectErrorReply(await inject('GET', '/api/v1/models/m/versions/3'), 'RESOURCE_DOES_NOT_EXIST');
    expect((await h.calls.getVersion('m', 'latest')).version).toBe(2);
    expect((await h.calls.getModel('m')).aliases).toEqual({});
    const plain = await inject('DELETE', '/api/v1/models/m/versions/2');
    expect(plain.json()).toEqual({ deleted: { aliases: [] } });
    expect((await h.calls.getVersion('m', 'latest')).version).toBe(1);
  });

  // Every {version} path parameter is documented as "a version number, or 'latest'".
  it.each([
    ['PATCH', '/api/v1/models/m/versions/latest', { description: 'x' }, 200],
    ['DELETE', '/api/v1/models/m/versions/latest', undefined, 200],
    ['PUT', '/api/v1/models/m/versions/latest/tags', { key: 'k', value: 'v' }, 204],
    ['DELETE', '/api/v1/models/m/versions/latest/tags?key=k', undefined, 404],
    ['POST', '/api/v1/models/m/versions/latest/stage', { stage: 'Staging' }, 200],
  ] as const)("accepts 'latest' as documented: %s %s", async (method, url, body, status) => {
    await seed();
    const response = await inject(method, url, body);
    expect(response.statusCode, response.body).toBe(status);
  });

  it('downloads the exact bytes from /content', async () => {
    const bytes = await seed();
    for (const [ref, number] of [
      ['1', 1],
      ['2', 2],
      ['latest', 3],
    ] as const) {
      const response = await inject('GET', `/api/v1/models/m/versions/${ref}/content`);
      expect(response.statusCode).toBe(200);
      expect(response.rawPayload.equals(Buffer.from(bytes[number]!))).toBe(true);
      expect(response.headers).toMatchObject({
        'content-type': 'application/octet-stream',
        'content-disposition': `attachment; filename="m-${number}.onnx"`,
        etag: `"sha256:${sha256(bytes[number]!)}"`,
      });
    }
    await h.calls.uploadVersion('ocr', cls);
    const paddle = await inject('GET', '/api/v1/models/ocr/versions/1/content');
    expect(paddle.rawPayload.equals(cls)).toBe(true);
    expectErrorReply(
      await inject('GET', '/api/v1/models/m/versions/7/content'),
      'RESOURCE_DOES_NOT_EXIST',
    );
  });
});
