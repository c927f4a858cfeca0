import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { paddleModels } from '../../testing/paddle-models.js';
import { tinyAddModel } from '../../testing/tiny-onnx.js';
import {
  mlflowError,
  ok,
  openMlflowHarness,
  setExperiment,
  startRun,
  type MlflowHarness,
  type MlModelVersion,
} from '../../testing/mlflow-wire.js';

let h: MlflowHarness;
let exp: string;
let runId: string;
beforeEach(async () => {
  h = await openMlflowHarness();
  exp = (await setExperiment(h.mlflow, 'versions')).experiment_id;
  runId = (await startRun(h.mlflow, exp, 'train')).info.run_id;
  ok(await h.mlflow.post('registered-models/create', { name: 'm' }));
});
afterEach(() => h.dispose());

const cls = readFileSync(paddleModels.cls);
const MLMODEL = 'artifact_path: model\nflavors:\n  onnx:\n    onnx_version: 1.14.0\n';
/** What `mlflow.<flavor>.log_model` PUTs: one request per file under artifacts/<dir>/. */
const logModelFiles = async (dir: string, files: Record<string, string | Buffer>) => {
  for (const [name, content] of Object.entries(files))
    ok(
      await h.mlflow.putArtifact(
        `${exp}/${runId}/artifacts/${dir}/${name}`,
        content,
        'application/octet-stream',
      ),
    );
  return `mlflow-artifacts:/${exp}/${runId}/artifacts/${dir}`;
};
const create = (body: object) => h.mlflow.post('model-versions/create', { name: 'm', ...body });
const getVersion = async (version: string, name = 'm') =>
  ok<{ model_version: MlModelVersion }>(await h.mlflow.get('model-versions/get', { name, version }))
    .model_version;
const tiny = Buffer.from(tinyAddModel());

describe('model-versions/create (mlflow.register_model)', () => {
  it('registers an ONNX model directory READY at once, with the signature extracted', async () => {
    const source = await logModelFiles('model', {
      MLmodel: MLMODEL,
      'model.onnx': cls,
      'requirements.txt': 'onnx\n',
    });
    const before = Date.now();
    const { model_version } = ok<{ model_version: MlModelVersion }>(
      await create({ source, run_id: runId }),
    );
    expect(model_version).toMatchObject({
      name: 'm',
      version: '1',
      current_stage: 'None',
      source,
      run_id: runId,
      status: 'READY', // no PENDING_REGISTRATION, so the client does not poll
    });
    expect(model_version).not.toHaveProperty('status_message');
    expect(model_version.creation_timestamp).toBeGreaterThanOrEqual(before);
    expect(typeof model_version.last_updated_timestamp).toBe('number');
    expect(await getVersion('1')).toEqual(model_version);

    // Gyre's registry has the bytes, the signature, and nothing marking it unservable.
    const version = await h.gyre.registry.versions.get('m', 1);
    expect(version.statusMessage).toBe('');
    expect(version.signature?.inputs.map((i) => i.name)).toEqual(['x']);
    expect(version.signature?.outputs.length).toBeGreaterThan(0);
    const { bytes } = await h.gyre.registry.versions.read('models:/m/1');
    expect(bytes.equals(cls)).toBe(true);
  });

  it('keeps a non-ONNX directory (MLmodel + model.pkl) READY but "not servable"', async () => {
    const source = await logModelFiles('sk', {
      MLmodel: 'flavors:\n  sklearn: {}\n',
      'model.pkl': Buffer.from([0x80, 0x04, 0x95]),
    });
    const { model_version } = ok<{ model_version: MlModelVersion }>(
      await create({ source, run_id: runId, description: 'sklearn' }),
    );
    expect(model_version).toMatchObject({
      version: '1',
      status: 'READY',
      source,
      description: 'sklearn',
    });
    expect(model_version.status_message).toMatch(/^not servable/);
    expect((await h.gyre.registry.versions.get('m', 1)).signature).toBeNull();
    // A broken .onnx file is kept too, with onnxruntime's reason.
    const broken = await logModelFiles('broken', {
      'model.onnx': Buffer.from(tinyAddModel({ opType: 'NoSuchOp' })),
    });
    const b = ok<{ model_version: MlModelVersion }>(
      await create({ source: broken, run_id: runId }),
    ).model_version;
    expect(b).toMatchObject({ version: '2', status: 'READY' });
    expect(b.status_message).toMatch(/^not servable/);
  });

  it('accepts runs:/ and external sources, and tags, description', async () => {
    await logModelFiles('model', { 'model.onnx': tiny });
    const fromRuns = ok<{ model_version: MlModelVersion }>(
      await create({
        source: `runs:/${runId}/model`,
        tags: [{ key: 'k', value: 'v' }],
        description: 'd',
      }),
    ).model_version;
    expect(fromRuns).toMatchObject({
      version: '1',
      run_id: runId,
      status: 'READY',
      tags: [{ key: 'k', value: 'v' }],
      description: 'd',
    });
    const external = ok<{ model_version: MlModelVersion }>(
      await create({ source: 's3://bucket/models/churn' }),
    ).model_version;
    expect(external).toMatchObject({
      version: '2',
      source: 's3://bucket/models/churn',
      status: 'READY',
    });
    expect(external.status_message).toMatch(/^not servable/);
  });

  it('refuses an unknown model (not auto-created), a missing source, a missing artifact', async () => {
    const source = await logModelFiles('model', { 'model.onnx': tiny });
    mlflowError(
      await h.mlflow.post('model-versions/create', { name: 'ghost', source }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    );
    mlflowError(await create({}), 400, 'INVALID_PARAMETER_VALUE', /'source'/);
    mlflowError(
      await create({ source: `mlflow-artifacts:/${exp}/${runId}/artifacts/nothing-here` }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    );
  });
});

describe('model-versions/get, update, delete', () => {
  it('gets by string or number version; 404 unknown; 400 non-integer', async () => {
    const source = await logModelFiles('model', { 'model.onnx': tiny });
    ok(await create({ source, run_id: runId }));
    expect((await getVersion('1')).version).toBe('1');
    mlflowError(
      await h.mlflow.get('model-versions/get', { name: 'm', version: '7' }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    );
    mlflowError(
      await h.mlflow.get('model-versions/get', { name: 'm', version: 'one' }),
      400,
      'INVALID_PARAMETER_VALUE',
      "Model version must be an integer, got 'one'",
    );
  });

  it('PATCH update changes the description only', async () => {
    const source = await logModelFiles('model', { 'model.onnx': tiny });
    ok(await create({ source, run_id: runId }));
    const updated = ok<{ model_version: MlModelVersion }>(
      await h.mlflow.patch('model-versions/update', {
        name: 'm',
        version: '1',
        description: 'better',
      }),
    ).model_version;
    expect(updated).toMatchObject({ version: '1', description: 'better', source, status: 'READY' });
    expect((await getVersion('1')).description).toBe('better');
  });

  it('DELETE soft-deletes, drops its aliases, and never reuses the number', async () => {
    const source = await logModelFiles('model', { 'model.onnx': tiny });
    ok(await create({ source, run_id: runId }));
    ok(await create({ source, run_id: runId }));
    ok(await h.mlflow.post('registered-models/alias', { name: 'm', alias: 'champ', version: '2' }));
    expect(ok(await h.mlflow.delete('model-versions/delete', { name: 'm', version: '2' }))).toEqual(
      {},
    );
    mlflowError(
      await h.mlflow.get('model-versions/get', { name: 'm', version: '2' }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    );
    mlflowError(
      await h.mlflow.get('registered-models/alias', { name: 'm', alias: 'champ' }),
      400,
      'INVALID_PARAMETER_VALUE',
    );
    const third = ok<{ model_version: MlModelVersion }>(
      await create({ source, run_id: runId }),
    ).model_version;
    expect(third.version).toBe('3');
  });
});

describe('model-versions/transition-stage and registered-models/get-latest-versions', () => {
  beforeEach(async () => {
    const source = await logModelFiles('model', { 'model.onnx': tiny });
    for (let i = 0; i < 4; i++) ok(await create({ source, run_id: runId }));
  });
  const transition = (version: string, stage: string, archive_existing_versions = false) =>
    h.mlflow.post('model-versions/transition-stage', {
      name: 'm',
      version,
      stage,
      archive_existing_versions,
    });
  const latest = async (stages?: string[]) =>
    (
      ok<{ model_versions?: MlModelVersion[] }>(
        await h.mlflow.post(
          'registered-models/get-latest-versions',
          stages ? { name: 'm', stages } : { name: 'm' },
        ),
      ).model_versions ?? []
    )
      .map((v) => `${v.version}:${v.current_stage}`)
      .sort();

  it('moves stages (case-insensitive) and archives the others with archive_existing_versions', async () => {
    const moved = ok<{ model_version: MlModelVersion }>(
      await transition('1', 'production'),
    ).model_version;
    expect(moved).toMatchObject({ version: '1', current_stage: 'Production' });
    ok(await transition('2', 'Staging'));
    ok(await transition('3', 'Production', true));
    expect((await getVersion('1')).current_stage).toBe('Archived');
    expect((await getVersion('2')).current_stage).toBe('Staging');
    expect(await latest(['Production'])).toEqual(['3:Production']);
    expect(await latest(['Production', 'staging'])).toEqual(['2:Staging', '3:Production']);
    // Without stages: the latest of all four stages, None and Archived included (SQL store).
    expect(await latest()).toEqual(['1:Archived', '2:Staging', '3:Production', '4:None']);
    const viaGet = ok<{ model_versions: MlModelVersion[] }>(
      await h.mlflow.get('registered-models/get-latest-versions', {
        name: 'm',
        stages: ['Staging'],
      }),
    );
    expect(viaGet.model_versions.map((v) => v.version)).toEqual(['2']);
    expect(
      ok(
        await h.mlflow.post('registered-models/get-latest-versions', {
          name: 'm',
          stages: ['Archived', 'None'],
        }),
      ),
    ).toMatchObject({ model_versions: expect.any(Array) });
  });

  it('refuses invalid stages with 400 and archiving for a non-active stage with 400 (MLflow: 500)', async () => {
    mlflowError(await transition('1', 'Prod'), 400, 'INVALID_PARAMETER_VALUE');
    mlflowError(
      await transition('1', 'Archived', true),
      400,
      'INVALID_PARAMETER_VALUE',
      /not an Active stage/,
    );
    mlflowError(
      await h.mlflow.post('registered-models/get-latest-versions', { name: 'm', stages: ['Prod'] }),
      400,
      'INVALID_PARAMETER_VALUE',
      /Invalid Model Version stage: Prod/,
    );
    mlflowError(
      await h.mlflow.post('registered-models/get-latest-versions', { name: 'ghost' }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    );
    mlflowError(await transition('9', 'Staging'), 404, 'RESOURCE_DOES_NOT_EXIST');
  });
});

describe('model-versions/search (GET, query string only)', () => {
  it("takes MLflow's filters and order_by", async () => {
    const source = await logModelFiles('model', { 'model.onnx': tiny });
    const other = (await startRun(h.mlflow, exp, 'other')).info.run_id;
    ok(await create({ source, run_id: runId }));
    ok(await create({ source, run_id: runId, tags: [{ key: 'k', value: 'v' }] }));
    ok(await h.mlflow.post('registered-models/create', { name: 'n' }));
    ok(await h.mlflow.post('model-versions/create', { name: 'n', source, run_id: other }));
    const search = async (query: Record<string, string | number | string[]>) =>
      ok<{ model_versions?: MlModelVersion[]; next_page_token?: string }>(
        await h.mlflow.get('model-versions/search', { max_results: 10000, ...query }),
      );
    const found = async (query: Record<string, string | number | string[]>) =>
      ((await search(query)).model_versions ?? []).map((v) => `${v.name}/${v.version}`);
    expect((await found({ filter: "name='m'" })).sort()).toEqual(['m/1', 'm/2']);
    expect(await found({ filter: `run_id='${other}'` })).toEqual(['n/1']);
    expect(await found({ filter: "name='m' and version_number > 1" })).toEqual(['m/2']);
    expect(await found({ filter: "tags.k = 'v'" })).toEqual(['m/2']);
    expect((await found({ filter: `source_path = '${source}'` })).sort()).toEqual([
      'm/1',
      'm/2',
      'n/1',
    ]);
    expect(
      await found({
        filter: `run_id IN ('${runId}', '${other}')`,
        order_by: ['name ASC', 'version_number DESC'],
      }),
    ).toEqual(['m/2', 'm/1', 'n/1']);
    expect((await found({ order_by: ['last_updated_timestamp DESC'] }))[0]).toBe('n/1');
    expect(await search({ filter: "name='zzz'" })).toEqual({});
    const page = await search({
      filter: "name='m'",
      max_results: 1,
      order_by: ['version_number ASC'],
    });
    expect(page.model_versions!.map((v) => v.version)).toEqual(['1']);
    expect(
      await found({
        filter: "name='m'",
        max_results: 1,
        order_by: ['version_number ASC'],
        page_token: page.next_page_token!,
      }),
    ).toEqual(['m/2']);
  });
});

describe('model-versions/set-tag, delete-tag, get-download-uri', () => {
  it('tags versions; deleting a missing tag is a no-op; the download URI is the registered source', async () => {
    const source = await logModelFiles('model', { 'model.onnx': tiny });
    ok(await create({ source, run_id: runId }));
    expect(
      ok(
        await h.mlflow.post('model-versions/set-tag', {
          name: 'm',
          version: '1',
          key: 'validated',
          value: 'yes',
        }),
      ),
    ).toEqual({});
    expect((await getVersion('1')).tags).toEqual([{ key: 'validated', value: 'yes' }]);
    expect(
      ok(
        await h.mlflow.delete('model-versions/delete-tag', {
          name: 'm',
          version: '1',
          key: 'validated',
        }),
      ),
    ).toEqual({});
    expect(await getVersion('1')).not.toHaveProperty('tags');
    expect(
      ok(
        await h.mlflow.delete('model-versions/delete-tag', {
          name: 'm',
          version: '1',
          key: 'never',
        }),
      ),
    ).toEqual({});
    mlflowError(
      await h.mlflow.post('model-versions/set-tag', {
        name: 'm',
        version: '5',
        key: 'k',
        value: 'v',
      }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    );
    expect(
      ok(await h.mlflow.get('model-versions/get-download-uri', { name: 'm', version: '1' })),
    ).toEqual({ artifact_uri: source });
    ok(await create({ source: `runs:/${runId}/model` }));
    expect(
      ok(await h.mlflow.get('model-versions/get-download-uri', { name: 'm', version: '2' })),
    ).toEqual({
      artifact_uri: `mlflow-artifacts:/${exp}/${runId}/artifacts/model`,
    });
  });
});

// MLflow answers `storage_location or source`; a copy's storage location is its source version's
// download URI (SqlAlchemyStore.create_model_version, get_model_version_download_uri).
describe('download URIs of versions whose files are not a run directory', () => {
  it('get-download-uri of an external source is that source; the client fetches it itself', async () => {
    ok(await create({ source: 's3://bucket/models/churn' }));
    expect(
      ok(await h.mlflow.get('model-versions/get-download-uri', { name: 'm', version: '1' })),
    ).toEqual({ artifact_uri: 's3://bucket/models/churn' });
    // Gyre holds no file of it, so its own path offers none.
    expect(ok(await h.mlflow.listArtifacts('gyre-models/m/1'))).toEqual({});
    mlflowError(
      await h.mlflow.getArtifact('gyre-models/m/1/model.onnx'),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    );
  });

  it('a version copied from models:/m/1 (copy_model_version) downloads the source directory', async () => {
    const source = await logModelFiles('model', { MLmodel: MLMODEL, 'model.onnx': tiny });
    ok(await create({ source, run_id: runId }));
    ok(await h.mlflow.post('registered-models/create', { name: 'copy' }));
    const copy = ok<{ model_version: MlModelVersion }>(
      await h.mlflow.post('model-versions/create', {
        name: 'copy',
        source: 'models:/m/1',
        run_id: runId,
      }),
    ).model_version;
    expect(copy).toMatchObject({ version: '1', source: 'models:/m/1', status: 'READY' });
    expect(copy).not.toHaveProperty('status_message');
    const downloadUri = async () =>
      ok<{ artifact_uri: string }>(
        await h.mlflow.get('model-versions/get-download-uri', { name: 'copy', version: '1' }),
      ).artifact_uri;
    expect(await downloadUri()).toBe(source);
    // Once the source version is deleted, the copy's own ONNX file is what is left to download.
    ok(await h.mlflow.delete('model-versions/delete', { name: 'm', version: '1' }));
    expect(await downloadUri()).toBe('mlflow-artifacts:/gyre-models/copy/1');
    expect(ok(await h.mlflow.listArtifacts('gyre-models/copy/1'))).toEqual({
      files: [{ path: 'model.onnx', is_dir: false, file_size: tiny.length }],
    });
  });

  // Gyre's runs:/ URIs need a path below the root, so the root is resolved to its one ONNX file.
  it('a source naming the run artifact root registers the ONNX file found there', async () => {
    ok(
      await h.mlflow.putArtifact(
        `${exp}/${runId}/artifacts/model.onnx`,
        tiny,
        'application/octet-stream',
      ),
    );
    const source = `mlflow-artifacts:/${exp}/${runId}/artifacts`;
    const v = ok<{ model_version: MlModelVersion }>(
      await create({ source, run_id: runId }),
    ).model_version;
    expect(v).toMatchObject({ source, status: 'READY' });
    expect(v).not.toHaveProperty('status_message');
    expect((await h.gyre.registry.versions.get('m', 1)).signature?.inputs[0]?.name).toBe('x');
    expect(
      ok(await h.mlflow.get('model-versions/get-download-uri', { name: 'm', version: '1' })),
    ).toEqual({ artifact_uri: source });
  });
});
