import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildServer, type TypedApp } from '../api/index.js';
import { GyreError } from '../core/errors/index.js';
import { expectGyreError } from '../testing/expect-gyre-error.js';
import { paddleModels } from '../testing/paddle-models.js';
import { sha256, tinyVariant, writeModelFile } from '../testing/registry-fixtures.js';
import { openTempGyre } from '../testing/temp-gyre.js';
import type { ClientMode } from './client.case.js';
import { GyreClient } from './gyre-client.js';

/** The actor the HTTP client is connected as. */
const HTTP_ACTOR = 'sdk-tester';

interface RegistryHarness {
  gyre: Awaited<ReturnType<typeof openTempGyre>>;
  client: GyreClient;
  /** Who the client's registry changes are attributed to. */
  actor: string;
  app: TypedApp | undefined;
  dispose(): Promise<void>;
}

async function openRegistryHarness(mode: ClientMode): Promise<RegistryHarness> {
  const gyre = await openTempGyre();
  if (mode === 'local') {
    const client = GyreClient.fromGyre(gyre);
    return {
      gyre,
      client,
      actor: 'local',
      app: undefined,
      async dispose() {
        await client.close();
        await gyre.dispose();
      },
    };
  }
  const app = await buildServer(gyre);
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const client = GyreClient.connect(url, { actor: HTTP_ACTOR });
  return {
    gyre,
    client,
    actor: HTTP_ACTOR,
    app,
    async dispose() {
      await client.close();
      await app.close();
      await gyre.dispose();
    },
  };
}

/**
 * The registry through the SDK: the same expectations whether the client works on the local
 * store or through the REST API. Results are also compared with what the Gyre itself reports,
 * so the HTTP conversions must round-trip every field.
 */
export function describeRegistryCases(mode: ClientMode): void {
  describe(`GyreClient registry (${mode})`, () => {
    let h: RegistryHarness;
    let files: string;
    beforeEach(async () => {
      h = await openRegistryHarness(mode);
      files = join(h.gyre.config.home, 'files');
    });
    afterEach(() => h.dispose());

    const file = (name: string, bytes: Uint8Array) => writeModelFile(files, name, bytes);

    it('registers from a local file path, a stream and runs:/, as the client actor', async () => {
      const { versions } = h.client.registry;
      const cls = readFileSync(paddleModels.cls);
      const fromFile = await versions.register({
        name: 'ocr',
        source: { uri: paddleModels.cls },
        description: 'classifier',
        aliases: ['champion'],
      });
      expect(fromFile).toMatchObject({
        name: 'ocr',
        version: 1,
        status: 'READY',
        digest: sha256(cls),
        size: cls.byteLength,
        description: 'classifier',
        aliases: ['champion'],
        userId: h.actor,
      });
      expect(fromFile.source).toMatch(/ch_ppocr_mobile_v2\.0_cls_infer\.onnx$/);
      expect(fromFile.signature!.inputs[0]!.type).toEqual({
        kind: 'tensor',
        elementType: 'FLOAT',
        shape: ['p2o.DynamicDimension.0', 3, 'p2o.DynamicDimension.1', 'p2o.DynamicDimension.2'],
      });
      expect(fromFile).toEqual(await h.gyre.registry.versions.get('ocr', 1));

      const bytes = tinyVariant('stream');
      const fromStream = await versions.register({
        name: 'ocr',
        source: { upload: Readable.from([bytes]), fileName: 'tiny.onnx' },
      });
      expect(fromStream).toMatchObject({ version: 2, source: 'upload:tiny.onnx' });

      const run = await h.client.runs.create({ runName: 'train' });
      const runId = run.info.runId;
      const artifact = await h.client.artifacts.upload(
        runId,
        'model/model.onnx',
        Readable.from([tinyVariant('run')]),
      );
      const fromRun = await versions.register({
        name: 'ocr',
        source: { uri: `runs:/${runId}/model` },
      });
      expect(fromRun).toMatchObject({
        version: 3,
        runId,
        source: `runs:/${runId}/model/model.onnx`,
        digest: artifact.digest,
      });
      expect(fromRun).toEqual(await h.gyre.registry.versions.get('ocr', 3));

      const search = await versions.search({ filter: `run_id = '${runId}'` });
      expect(search.items.map((v) => v.uri)).toEqual(['models:/ocr/3']);
      const model = await h.client.registry.models.get('ocr');
      expect(model).toEqual(await h.gyre.registry.models.get('ocr'));
      expect(model).toMatchObject({ latestVersion: 3, aliases: { champion: 1 } });
    });

    it('resolves URIs, moves aliases and stages, and reads the exact bytes', async () => {
      const { models, versions } = h.client.registry;
      const bytes = [tinyVariant(1), tinyVariant(2)];
      for (const [i, b] of bytes.entries())
        await versions.register({ name: 'churn', source: { uri: file(`${i}.onnx`, b) } });
      await models.setAlias('churn', 'champion', 1);
      expect((await versions.resolve('models:/churn@champion')).version).toBe(1);
      await models.setAlias('churn', 'champion', 2);
      expect((await versions.resolve('models:/churn@champion')).version).toBe(2);
      expect((await models.get('churn')).aliases).toEqual({ champion: 2 });
      expect((await versions.resolve('models:/churn/latest')).version).toBe(2);
      await versions.transitionStage('churn', 1, 'Production');
      const archived = await versions.transitionStage('churn', 2, 'Production', {
        archiveExistingVersions: true,
      });
      expect(archived.stage).toBe('Production');
      expect((await versions.get('churn', 1)).stage).toBe('Archived');
      expect((await versions.resolve('models:/churn/Production')).version).toBe(2);

      for (const [uri, expected] of [
        ['models:/churn/1', bytes[0]],
        ['models:/churn@champion', bytes[1]],
        ['models:/churn/latest', bytes[1]],
      ] as const) {
        const read = await versions.read(uri);
        expect(read.bytes.equals(Buffer.from(expected!)), uri).toBe(true);
        expect(read.version?.digest).toBe(sha256(expected!));
      }
      const local = await versions.read(file('local.onnx', bytes[0]!));
      expect(local.bytes.equals(Buffer.from(bytes[0]!))).toBe(true);
      expect(local.version).toBeUndefined();
      const runId = (await h.client.runs.create()).info.runId;
      await h.client.artifacts.upload(runId, 'model/m.onnx', Readable.from([bytes[1]!]));
      const fromRun = await versions.read(`runs:/${runId}/model/m.onnx`);
      expect(fromRun.bytes.equals(Buffer.from(bytes[1]!))).toBe(true);

      await models.deleteAlias('churn', 'champion');
      await expectGyreError(versions.resolve('models:/churn@champion'), 'RESOURCE_DOES_NOT_EXIST');
    });

    // A runs:/ URI may name a directory holding one .onnx file, in both modes.
    it('reads a runs:/ directory holding one .onnx file', async () => {
      const bytes = tinyVariant('dir');
      const runId = (await h.client.runs.create()).info.runId;
      await h.client.artifacts.upload(runId, 'model/m.onnx', Readable.from([bytes]));
      const read = await h.client.registry.versions.read(`runs:/${runId}/model`);
      expect(read.bytes.equals(Buffer.from(bytes))).toBe(true);
    });

    it('attributes history to the client actor, or to as(actor)', async () => {
      const { registry } = h.client;
      await registry.versions.register({
        name: 'churn',
        source: { uri: file('a.onnx', tinyVariant('a')) },
      });
      await registry.as('alice').models.setAlias('churn', 'champion', 1);
      await registry.models.setTag('churn', 'team', 'risk');
      await registry.as('bob').versions.setTag('churn', 1, 'validated', 'yes');

      const history = await registry.models.history('churn');
      expect(
        history.items.map((e) => [e.actor, e.action, e.subject, e.oldValue, e.newValue]),
      ).toEqual([
        ['bob', 'version.tag_set', 'validated', null, 'yes'],
        [h.actor, 'model.tag_set', 'team', null, 'risk'],
        ['alice', 'alias.set', 'champion', null, 1],
        [h.actor, 'version.created', null, null, expect.objectContaining({ status: 'READY' })],
        [h.actor, 'model.created', null, null, { description: '', tags: {} }],
      ]);
      expect(history).toEqual(await h.gyre.registry.models.history('churn'));
      const page = await registry.models.history('churn', { maxResults: 2 });
      expect(page.items).toEqual(history.items.slice(0, 2));
      const rest = await registry.models.history('churn', {
        maxResults: 2,
        pageToken: page.nextPageToken,
      });
      expect(rest.items).toEqual(history.items.slice(2, 4));
    });

    it('follows lineage from a version to its run and inputs', async () => {
      const run = await h.client.runs.create({ runName: 'baseline' });
      const runId = run.info.runId;
      await h.client.runs.logParam(runId, 'lr', '0.1');
      const digest = `sha256:${sha256('flights v3')}`;
      await h.client.runs.logInputs(runId, [
        { kind: 'dataset', ref: 's3://lake/flights/2001.parquet', digest },
      ]);
      expect(await h.client.runs.inputs(runId)).toEqual([
        { kind: 'dataset', ref: 's3://lake/flights/2001.parquet', digest },
      ]);
      await h.client.artifacts.upload(runId, 'model.onnx', Readable.from([tinyVariant('l')]));
      await h.client.registry.versions.register({
        name: 'delays',
        source: { uri: `runs:/${runId}/model.onnx` },
      });

      const lineage = await h.client.registry.lineage('delays', 1);
      expect(lineage).toEqual(await h.gyre.registry.lineage('delays', 1));
      expect(lineage.modelVersion).toMatchObject({ uri: 'models:/delays/1', runId });
      expect(lineage.run).toMatchObject({ runId, runName: 'baseline', params: { lr: '0.1' } });
      expect(lineage.inputs).toEqual([
        { kind: 'dataset', ref: 's3://lake/flights/2001.parquet', digest },
      ]);
    });

    it('polls events after a cursor', async () => {
      const { registry } = h.client;
      expect(await registry.events()).toEqual([]);
      await registry.versions.register({
        name: 'churn',
        source: { uri: file('a.onnx', tinyVariant('a')) },
        aliases: ['champion'],
      });
      const events = await registry.events(0);
      expect(events.map((e) => [e.type, e.payload.actor])).toEqual([
        ['model.created', h.actor],
        ['version.created', h.actor],
        ['alias.set', h.actor],
      ]);
      expect(events).toEqual(await h.gyre.registry.events(0));
      expect(await registry.events(events[0]!.id, 1)).toEqual([events[1]]);
      expect(await registry.events(events.at(-1)!.id)).toEqual([]);
    });

    it('maps failures to the same GyreError codes', async () => {
      const { models, versions } = h.client.registry;
      const cls = readFileSync(paddleModels.cls);
      await expectGyreError(
        versions.register({
          name: 'ocr',
          source: { uri: file('cut.onnx', cls.subarray(0, 1000)) },
        }),
        'INVALID_PARAMETER_VALUE',
        /^not an ONNX model: protobuf parse failed at byte 877/,
      );
      await expectGyreError(
        models.get('ocr'),
        'RESOURCE_DOES_NOT_EXIST',
        /no registered model named 'ocr'/,
      );
      await versions.register({ name: 'ocr', source: { uri: file('t.onnx', tinyVariant(1)) } });
      await models.setAlias('ocr', 'champion', 1);
      await expectGyreError(
        versions.delete('ocr', 1),
        'RESOURCE_CONFLICT',
        /target of alias\(es\) champion/,
      );
      await expectGyreError(models.delete('ocr'), 'RESOURCE_CONFLICT', /still has versions 1/);
      await expectGyreError(versions.get('ocr', 5), 'RESOURCE_DOES_NOT_EXIST', /no version 5/);
      await expectGyreError(
        versions.resolve('models:/ocr/first'),
        'INVALID_PARAMETER_VALUE',
        /neither a version number/,
      );
      await expectGyreError(versions.resolve('models:/ocr@nope'), 'RESOURCE_DOES_NOT_EXIST');
      // Local validation throws before a promise exists; a function covers both modes.
      await expectGyreError(
        () => models.setAlias('ocr', 'latest', 1),
        'INVALID_PARAMETER_VALUE',
        /'latest' is reserved/,
      );
      await expectGyreError(models.create({ name: 'ocr' }), 'RESOURCE_ALREADY_EXISTS');
      const thrown = await models.get('ghost').catch((error: unknown) => error);
      expect(thrown).toBeInstanceOf(GyreError);

      expect(await versions.delete('ocr', 1, { force: true })).toEqual({ aliases: ['champion'] });
      expect(await models.delete('ocr')).toEqual({ versions: [], aliases: [] });
      await expectGyreError(versions.resolve('models:/ocr/1'), 'RESOURCE_DOES_NOT_EXIST');
    });
  });
}
