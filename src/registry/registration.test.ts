import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { expectGyreError } from '../testing/expect-gyre-error.js';
import { paddleModels } from '../testing/paddle-models.js';
import {
  sha256,
  storedBlobDigests,
  tinyVariant,
  writeModelFile,
} from '../testing/registry-fixtures.js';
import { openTempGyre } from '../testing/temp-gyre.js';
import { tinyAddModel } from '../testing/tiny-onnx.js';

let gyre: Awaited<ReturnType<typeof openTempGyre>>;
let inputs: string;
beforeEach(async () => {
  gyre = await openTempGyre();
  inputs = join(gyre.config.home, 'inputs');
});
afterEach(() => gyre.dispose());

const file = (name: string, bytes: Uint8Array) => writeModelFile(inputs, name, bytes);
const register = (name: string, uri: string) =>
  gyre.registry.versions.register({ name, source: { uri } });

describe('registering PaddleOCR models', () => {
  it('stores each as a READY version numbered 1, 2, 3 with its signature, digest and size', async () => {
    const models = [paddleModels.cls, paddleModels.det, paddleModels.rec];
    const versions = [];
    for (const path of models) versions.push(await register('ocr', path));

    expect(versions.map((v) => v.version)).toEqual([1, 2, 3]);
    for (const [i, version] of versions.entries()) {
      const bytes = readFileSync(models[i]!);
      expect(version).toMatchObject({
        name: 'ocr',
        uri: `models:/ocr/${i + 1}`,
        status: 'READY',
        statusMessage: '',
        stage: 'None',
        lifecycleStage: 'active',
        userId: 'local',
        source: `file:${models[i]}`,
        runId: null,
        digest: sha256(bytes),
        size: bytes.byteLength,
        featureSchema: null,
        classLabels: null,
        aliases: [],
        tags: {},
      });
      expect(version.size).toBe(statSync(models[i]!).size);
      // Stored, not just returned: a fresh read gives the same record.
      expect(await gyre.registry.versions.get('ocr', i + 1)).toEqual(version);
    }

    const [cls, det, rec] = versions;
    expect(cls!.signature).toEqual({
      inputs: [
        {
          name: 'x',
          type: {
            kind: 'tensor',
            elementType: 'FLOAT',
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
          type: { kind: 'tensor', elementType: 'FLOAT', shape: ['p2o.DynamicDimension.3', 2] },
        },
      ],
    });
    expect(det!.signature!.outputs[0]!.type).toEqual({
      kind: 'tensor',
      elementType: 'FLOAT',
      shape: ['p2o.DynamicDimension.3', 1, 'p2o.DynamicDimension.4', 'p2o.DynamicDimension.5'],
    });
    // The recogniser mixes fixed and symbolic dims.
    expect(rec!.signature!.inputs[0]!.type).toEqual({
      kind: 'tensor',
      elementType: 'FLOAT',
      shape: ['p2o.DynamicDimension.0', 3, 48, 'p2o.DynamicDimension.1'],
    });
    expect(cls!.onnx).toMatchObject({
      irVersion: 8,
      opsets: [{ domain: '', version: 9 }],
      initializers: { count: 0, bytes: 0 },
    });
    expect(cls!.onnx!.constants.count).toBeGreaterThan(0);

    const model = await gyre.registry.models.get('ocr');
    expect(model).toMatchObject({ name: 'ocr', latestVersion: 3, aliases: {} });
    // One blob per distinct file.
    expect(storedBlobDigests(gyre.config.artifactRoot)).toEqual(
      versions.map((v) => v.digest).sort(),
    );
  });

  it('keeps numbering past deleted versions and stores identical bytes once', async () => {
    const bytes = tinyVariant(1);
    const path = file('m.onnx', bytes);
    expect((await register('m', path)).version).toBe(1);
    expect((await register('m', path)).version).toBe(2);
    await gyre.registry.versions.delete('m', 2);
    expect((await register('m', path)).version).toBe(3);
    expect((await register('other', path)).version).toBe(1);
    expect(storedBlobDigests(gyre.config.artifactRoot)).toEqual([sha256(bytes)]);
  });

  it('registers an uploaded stream with its file name as the source', async () => {
    const bytes = tinyVariant('up');
    const version = await gyre.registry.versions.register({
      name: 'm',
      source: {
        upload: Readable.from([bytes.subarray(0, 10), bytes.subarray(10)]),
        fileName: 'a.onnx',
      },
      description: 'uploaded',
      tags: { team: 'risk' },
      aliases: ['challenger'],
    });
    expect(version).toMatchObject({
      version: 1,
      source: 'upload:a.onnx',
      digest: sha256(bytes),
      size: bytes.byteLength,
      description: 'uploaded',
      tags: { team: 'risk' },
      aliases: ['challenger'],
    });
    expect((await gyre.registry.models.get('m')).aliases).toEqual({ challenger: 1 });
  });
});

describe('registering from runs:/ and models:/', () => {
  it('links the run and reuses the run artifact blob (file and directory paths)', async () => {
    const run = (await gyre.tracking.runs.create({ runName: 'train' })).info.runId;
    const bytes = tinyVariant('run');
    const artifact = await gyre.tracking.artifacts.upload(
      run,
      'model/model.onnx',
      Readable.from([bytes]),
    );
    await gyre.tracking.artifacts.upload(run, 'model/README.md', Readable.from(['notes']));
    const blobsBefore = storedBlobDigests(gyre.config.artifactRoot);
    const put = vi.spyOn(gyre.blobs, 'put');

    const fromFile = await register('m', `runs:/${run}/model/model.onnx`);
    const fromDir = await register('m', `runs:/${run}/model`);

    expect(put).not.toHaveBeenCalled();
    put.mockRestore();
    expect(storedBlobDigests(gyre.config.artifactRoot)).toEqual(blobsBefore);
    for (const version of [fromFile, fromDir]) {
      expect(version).toMatchObject({
        status: 'READY',
        runId: run,
        source: `runs:/${run}/model/model.onnx`,
        digest: artifact.digest,
        size: bytes.byteLength,
      });
    }
    expect([fromFile.version, fromDir.version]).toEqual([1, 2]);
    const byRun = await gyre.registry.versions.search({ filter: `run_id = '${run}'` });
    expect(byRun.items.map((v) => v.version)).toEqual([2, 1]);
  });

  it('refuses a run path that names no model, or several', async () => {
    const run = (await gyre.tracking.runs.create()).info.runId;
    await gyre.tracking.artifacts.upload(run, 'two/a.onnx', Readable.from([tinyVariant('a')]));
    await gyre.tracking.artifacts.upload(run, 'two/b.onnx', Readable.from([tinyVariant('b')]));
    await expectGyreError(
      register('m', `runs:/${run}/two`),
      'INVALID_PARAMETER_VALUE',
      /several ONNX files.*two\/a\.onnx, two\/b\.onnx/,
    );
    await expectGyreError(
      register('m', `runs:/${run}/missing`),
      'RESOURCE_DOES_NOT_EXIST',
      /missing/,
    );
    await expectGyreError(
      register('m', `runs:/${'0'.repeat(32)}/model.onnx`),
      'RESOURCE_DOES_NOT_EXIST',
      /no run/,
    );
    await expectGyreError(gyre.registry.models.get('m'), 'RESOURCE_DOES_NOT_EXIST');
  });

  it('copies another version: same blob, the source names it, the run link carries over', async () => {
    const run = (await gyre.tracking.runs.create()).info.runId;
    await gyre.tracking.artifacts.upload(run, 'm.onnx', Readable.from([tinyVariant(1)]));
    const original = await register('churn', `runs:/${run}/m.onnx`);
    await gyre.registry.models.setAlias('churn', 'champion', 1);

    const copy = await register('churn-eu', 'models:/churn/1');
    expect(copy).toMatchObject({
      name: 'churn-eu',
      version: 1,
      source: 'models:/churn/1',
      runId: run,
      digest: original.digest,
      size: original.size,
      signature: original.signature,
    });
    const viaAlias = await register('churn-eu', 'models:/churn@champion');
    expect(viaAlias).toMatchObject({
      version: 2,
      source: 'models:/churn/1',
      digest: original.digest,
    });
    expect(storedBlobDigests(gyre.config.artifactRoot)).toEqual([original.digest]);
    await expectGyreError(register('x', 'models:/churn/7'), 'RESOURCE_DOES_NOT_EXIST', /version 7/);
  });

  it('links an explicit run id, and refuses an unknown one', async () => {
    const run = (await gyre.tracking.runs.create()).info.runId;
    const path = file('m.onnx', tinyVariant(1));
    const version = await gyre.registry.versions.register({
      name: 'm',
      source: { uri: path },
      runId: run,
    });
    expect(version.runId).toBe(run);
    await expectGyreError(
      gyre.registry.versions.register({ name: 'm', source: { uri: path }, runId: 'f'.repeat(32) }),
      'RESOURCE_DOES_NOT_EXIST',
      /no run/,
    );
    expect((await gyre.registry.models.get('m')).latestVersion).toBe(1);
  });
});

describe('rejecting files that are not loadable ONNX models', () => {
  const cls = () => readFileSync(paddleModels.cls);
  it.each([
    [
      'a truncated copy',
      () => cls().subarray(0, 1000),
      /^not an ONNX model: protobuf parse failed at byte 877 \(index out of range: 877 \+ 128 > 1000\)$/,
    ],
    [
      'a copy missing its last 100 bytes',
      () => cls().subarray(0, cls().byteLength - 100),
      /^not an ONNX model: protobuf parse failed at byte \d+/,
    ],
    ['a text file', () => Buffer.from('hello, this is not onnx'), /^not an ONNX model: /],
    ['an empty file', () => Buffer.alloc(0), /^not an ONNX model: the file is empty$/],
    [
      'a model onnxruntime cannot load',
      () => tinyAddModel({ opType: 'NoSuchOp' }),
      /^onnxruntime cannot load the model: .*NoSuchOp/,
    ],
    [
      // onnxruntime would read the file relative to the server's working directory.
      'a model whose tensors live in another file',
      () => tinyAddModel({ externalData: 'package.json' }),
      /^tensor 'b' is stored in an external file, which Gyre does not load; .*save_as_external_data=False/,
    ],
  ])(
    'refuses %s: INVALID_PARAMETER_VALUE, no version, no audit entry',
    async (_, bytes, message) => {
      const good = await register('m', file('good.onnx', tinyVariant(1)));
      const history = (await gyre.registry.models.history('m')).items;
      const events = await gyre.registry.events();

      await expectGyreError(
        register('m', file('bad.onnx', bytes())),
        'INVALID_PARAMETER_VALUE',
        message,
      );
      await expectGyreError(
        register('fresh', file('bad.onnx', bytes())),
        'INVALID_PARAMETER_VALUE',
      );

      expect((await gyre.registry.models.history('m')).items).toEqual(history);
      expect(await gyre.registry.events()).toEqual(events);
      const all = await gyre.registry.versions.search({ view: 'ALL' });
      expect(all.items.map((v) => v.uri)).toEqual([good.uri]);
      await expectGyreError(gyre.registry.models.get('fresh'), 'RESOURCE_DOES_NOT_EXIST');
      await expectGyreError(gyre.registry.models.history('fresh'), 'RESOURCE_DOES_NOT_EXIST');
      // The next valid file takes the next number: the refused one used none.
      expect((await register('m', file('next.onnx', tinyVariant(2)))).version).toBe(2);
    },
  );

  it('refuses a local path that is not a file', async () => {
    await expectGyreError(register('m', inputs), 'INVALID_PARAMETER_VALUE', /not a readable file/);
    await expectGyreError(
      register('m', join(inputs, 'nope.onnx')),
      'INVALID_PARAMETER_VALUE',
      /not a readable file/,
    );
  });

  it.each([
    ['a/b', /may not contain '\/'/],
    ['a@b', /'@'/],
    ['', /non-empty/],
    ['x'.repeat(251), /251 characters/],
  ])('refuses the model name %j before reading anything', async (name, message) => {
    await expectGyreError(
      register(name, file('m.onnx', tinyVariant(1))),
      'INVALID_PARAMETER_VALUE',
      message,
    );
    expect(storedBlobDigests(gyre.config.artifactRoot)).toEqual([]);
  });
});

describe('feature schema and class labels', () => {
  const withMetadata = (metadata: Record<string, string>) =>
    file(`meta-${sha256(JSON.stringify(metadata)).slice(0, 8)}.onnx`, tinyAddModel({ metadata }));

  it('reads gyre.features and gyre.classes from metadata_props', async () => {
    const version = await register(
      'penguins',
      withMetadata({
        'gyre.features': JSON.stringify([
          { name: 'x', type: 'numeric' },
          { name: 'island', type: 'categorical', input: 'x' },
        ]),
        'gyre.classes': '["Adelie", "Chinstrap", 3]',
        'gyre.target': 'species',
      }),
    );
    expect(version.featureSchema).toEqual([
      { name: 'x', type: 'numeric', input: 'x' },
      { name: 'island', type: 'categorical', input: 'x' },
    ]);
    expect(version.classLabels).toEqual(['Adelie', 'Chinstrap', '3']);
    expect(version.onnx!.metadata).toMatchObject({ 'gyre.target': 'species' });
    const stored = await gyre.registry.versions.get('penguins', 1);
    expect(stored.featureSchema).toEqual(version.featureSchema);
    expect(stored.classLabels).toEqual(version.classLabels);
  });

  it.each([
    [{ 'gyre.features': 'not json' }, /metadata_props 'gyre\.features' is not valid JSON/],
    [{ 'gyre.features': '{"name":"x"}' }, /'gyre\.features' must be a JSON array/],
    [{ 'gyre.features': '[{"type":"numeric"}]' }, /\[0\]\.name must be a non-empty string/],
    [{ 'gyre.features': '[{"name":"x","type":"float"}]' }, /\[0\]\.type must be one of numeric/],
    [
      { 'gyre.features': '[{"name":"age","type":"numeric"}]' },
      /feeds input 'age', which the model does not have \(inputs: x\)/,
    ],
    [
      { 'gyre.features': '[{"name":"x","type":"numeric"},{"name":"x","type":"text"}]' },
      /names column 'x' twice/,
    ],
    [{ 'gyre.classes': '["a", {"b": 1}]' }, /'gyre\.classes' must be a JSON array of class labels/],
    [{ 'gyre.classes': '"a,b"' }, /'gyre\.classes' must be a JSON array/],
    [{ 'gyre.classes': '[' }, /'gyre\.classes' is not valid JSON/],
  ])('refuses malformed metadata %j', async (metadata, message) => {
    await expectGyreError(
      register('m', withMetadata(metadata)),
      'INVALID_PARAMETER_VALUE',
      message,
    );
    await expectGyreError(gyre.registry.models.get('m'), 'RESOURCE_DOES_NOT_EXIST');
  });

  it('takes explicit feature_schema / class_labels over (or without) metadata', async () => {
    const path = withMetadata({
      'gyre.features': '[{"name":"x","type":"numeric"}]',
      'gyre.classes': '["a","b"]',
    });
    const overridden = await gyre.registry.versions.register({
      name: 'm',
      source: { uri: path },
      featureSchema: [{ name: 'amount', type: 'numeric', input: 'x' }],
      classLabels: ['no', 'yes'],
    });
    expect(overridden.featureSchema).toEqual([{ name: 'amount', type: 'numeric', input: 'x' }]);
    expect(overridden.classLabels).toEqual(['no', 'yes']);

    const supplied = await gyre.registry.versions.register({
      name: 'm',
      source: { uri: file('plain.onnx', tinyVariant('plain')) },
      featureSchema: [{ name: 'x', type: 'boolean' }],
      classLabels: [0, 1],
    });
    expect(supplied.featureSchema).toEqual([{ name: 'x', type: 'boolean', input: 'x' }]);
    expect(supplied.classLabels).toEqual(['0', '1']);

    await expectGyreError(
      gyre.registry.versions.register({
        name: 'm',
        source: { uri: path },
        featureSchema: [{ name: 'amount', type: 'numeric', input: 'nope' }],
      }),
      'INVALID_PARAMETER_VALUE',
      /^feature_schema\[0\] feeds input 'nope'/,
    );
    await expectGyreError(
      gyre.registry.versions.register({ name: 'm', source: { uri: path }, classLabels: 'a,b' }),
      'INVALID_PARAMETER_VALUE',
      /^class_labels must be a JSON array/,
    );
    expect((await gyre.registry.models.get('m')).latestVersion).toBe(2);
  });
});
