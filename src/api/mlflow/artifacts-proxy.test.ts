import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paddleModels } from '../../testing/paddle-models.js';
import {
  mlflowError,
  ok,
  openMlflowHarness,
  setExperiment,
  startRun,
  type MlFileInfo,
  type MlflowHarness,
  type MlModelVersion,
  type MlRun,
} from '../../testing/mlflow-wire.js';

// One server listening on 127.0.0.1, spoken to with fetch, as HttpArtifactRepository does.
let h: MlflowHarness;
let exp: string;
let runId: string;
let root: string;
beforeAll(async () => {
  h = await openMlflowHarness();
  exp = (await setExperiment(h.mlflow, 'artifacts')).experiment_id;
  runId = (await startRun(h.mlflow, exp, 'r')).info.run_id;
  root = `${exp}/${runId}/artifacts`;
});
afterAll(() => h.dispose());

const cls = readFileSync(paddleModels.cls);
const files = async (path?: string) =>
  ok<{ files?: MlFileInfo[] }>(await h.mlflow.listArtifacts(path)).files;

describe('mlflow.log_artifact through the proxy', () => {
  it('resolves the run artifact_uri, PUTs raw bytes, lists basenames, downloads the bytes', async () => {
    // The client reads the run once to learn artifact_uri, then resolves it against the tracking URI.
    const { run } = ok<{ run: MlRun }>(
      await h.mlflow.get('runs/get', { run_uuid: runId, run_id: runId }),
    );
    expect(run.info.artifact_uri).toBe(`mlflow-artifacts:/${root}`);
    const resolved = run.info.artifact_uri.replace(/^mlflow-artifacts:\//, '');

    const put = await h.mlflow.putArtifact(`${resolved}/reports/summary.txt`, 'accuracy 0.93\n');
    expect(ok(put)).toEqual({});
    ok(
      await h.mlflow.putArtifact(
        `${resolved}/reports/plot.png`,
        Buffer.from([0x89, 0x50, 0x4e, 0x47]),
        'image/png',
      ),
    );
    ok(await h.mlflow.putArtifact(`${resolved}/model.onnx`, cls, 'application/octet-stream'));
    ok(await h.mlflow.putArtifact(`${resolved}/empty.txt`, ''));

    expect(await files(resolved)).toEqual(
      expect.arrayContaining([
        { path: 'reports', is_dir: true },
        { path: 'model.onnx', is_dir: false, file_size: cls.length },
        { path: 'empty.txt', is_dir: false }, // file_size omitted for 0 bytes, as MLflow does
      ]),
    );
    expect(await files(resolved)).toHaveLength(3);
    expect(await files(`${resolved}/reports`)).toEqual(
      expect.arrayContaining([
        { path: 'summary.txt', is_dir: false, file_size: 14 },
        { path: 'plot.png', is_dir: false, file_size: 4 },
      ]),
    );

    const text = await h.mlflow.getArtifact(`${resolved}/reports/summary.txt`);
    expect(text.status).toBe(200);
    expect(text.text).toBe('accuracy 0.93\n');
    expect(text.headers['content-type']).toMatch(/^text\/plain/);
    expect(text.headers['content-disposition']).toBe('attachment; filename=summary.txt');
    expect(text.headers['x-content-type-options']).toBe('nosniff');
    const model = await h.mlflow.getArtifact(`${resolved}/model.onnx`);
    expect(model.status).toBe(200);
    expect(model.bytes.equals(cls)).toBe(true);
    expect(model.headers['content-type']).toBe('application/octet-stream');
    const empty = await h.mlflow.getArtifact(`${resolved}/empty.txt`);
    expect([empty.status, empty.bytes.length]).toEqual([200, 0]);
  });

  // The client lists a path before downloading it: a file must list as nothing (LocalArtifactRepository).
  it('lists a file path, a missing path, a path outside any run and the root as {}', async () => {
    ok(await h.mlflow.putArtifact(`${root}/single/only.txt`, 'x'));
    expect(ok(await h.mlflow.listArtifacts(`${root}/single/only.txt`))).toEqual({});
    expect(ok(await h.mlflow.listArtifacts(`${root}/does/not/exist`))).toEqual({});
    expect(ok(await h.mlflow.listArtifacts('elsewhere/entirely'))).toEqual({});
    expect(ok(await h.mlflow.listArtifacts())).toEqual({});
  });

  it('overwrites on a second PUT to the same path', async () => {
    ok(await h.mlflow.putArtifact(`${root}/over.txt`, 'one'));
    ok(await h.mlflow.putArtifact(`${root}/over.txt`, 'second'));
    expect((await h.mlflow.getArtifact(`${root}/over.txt`)).text).toBe('second');
  });

  it('answers a missing file with 404 JSON, not a retried 5xx', async () => {
    mlflowError(await h.mlflow.getArtifact(`${root}/missing.txt`), 404, 'RESOURCE_DOES_NOT_EXIST');
    mlflowError(
      await h.mlflow.getArtifact(`${exp}/${'0'.repeat(32)}/artifacts/x.txt`),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    );
  });

  it('refuses uploads outside a run tree or escaping it (encoded ..) with 400', async () => {
    mlflowError(
      await h.mlflow.putArtifact(`${exp}/${runId}/artifacts/a%2F..%2F..%2Fb.txt`, 'x'),
      400,
      'INVALID_PARAMETER_VALUE',
    );
    mlflowError(
      await h.mlflow.putArtifact('somewhere/else.txt', 'x'),
      400,
      'INVALID_PARAMETER_VALUE',
    );
    mlflowError(
      await h.mlflow.putArtifact(`${exp}/${runId}/artifacts/`, 'x'),
      400,
      'INVALID_PARAMETER_VALUE',
    );
  });

  it('serves the same routes under /ajax-api/2.0/mlflow-artifacts', async () => {
    ok(
      await h.mlflow.send({
        method: 'PUT',
        url: `/ajax-api/2.0/mlflow-artifacts/artifacts/${root}/ajax.txt`,
        headers: { 'content-type': 'text/plain' },
        body: 'via ajax',
      }),
    );
    const listed = ok<{ files: MlFileInfo[] }>(
      await h.mlflow.send({
        method: 'GET',
        url: `/ajax-api/2.0/mlflow-artifacts/artifacts?path=${root}`,
      }),
    );
    expect(listed.files).toEqual(
      expect.arrayContaining([{ path: 'ajax.txt', is_dir: false, file_size: 8 }]),
    );
    const got = await h.mlflow.send({
      method: 'GET',
      url: `/ajax-api/2.0/mlflow-artifacts/artifacts/${root}/ajax.txt`,
    });
    expect([got.status, got.text]).toEqual([200, 'via ajax']);
  });

  // With MLFLOW_ENABLE_PROXY_MULTIPART_UPLOAD, the client first POSTs mpu/create for large files
  // and falls back to one PUT when the error message starts with MLflow's sentence
  // (http_artifact_repo.py `_try_multipart_upload`); MLflow sends it as 501, Gyre as 404.
  it('answers multipart upload requests so that the client falls back to one PUT', async () => {
    for (const url of [
      `/api/2.0/mlflow-artifacts/mpu/create/${root}/big.bin`,
      '/api/2.0/mlflow-artifacts/mpu/create',
      `/api/2.0/mlflow-artifacts/mpu/complete/${root}/big.bin`,
      `/ajax-api/2.0/mlflow-artifacts/mpu/abort/${root}/big.bin`,
    ]) {
      const res = await h.mlflow.send({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ path: '/tmp/big.bin', num_parts: 2 }),
      });
      mlflowError(
        res,
        404,
        'ENDPOINT_NOT_FOUND',
        /^Multipart upload is not supported for the current artifact repository/,
      );
    }
  });
});

describe('versions registered through Gyre, downloaded by an MLflow client', () => {
  it('get-download-uri names a proxy path that lists and serves model.onnx', async () => {
    const upload = await h.app.inject({
      method: 'POST',
      url: '/api/v1/models/native-cls/versions/upload',
      headers: { 'content-type': 'application/octet-stream' },
      payload: cls,
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const { artifact_uri } = ok<{ artifact_uri: string }>(
      await h.mlflow.get('model-versions/get-download-uri', { name: 'native-cls', version: '1' }),
    );
    expect(artifact_uri).toBe('mlflow-artifacts:/gyre-models/native-cls/1');
    const path = artifact_uri.replace(/^mlflow-artifacts:\//, '');
    expect(await files(path)).toEqual([
      { path: 'model.onnx', is_dir: false, file_size: cls.length },
    ]);
    expect(ok(await h.mlflow.listArtifacts(`${path}/model.onnx`))).toEqual({});
    const model = await h.mlflow.getArtifact(`${path}/model.onnx`);
    expect(model.status).toBe(200);
    expect(model.bytes.equals(cls)).toBe(true);
    mlflowError(await h.mlflow.getArtifact(`${path}/MLmodel`), 404, 'RESOURCE_DOES_NOT_EXIST');
    // Uploads cannot target a version's files.
    mlflowError(
      await h.mlflow.putArtifact(`${path}/model.onnx`, 'x'),
      400,
      'INVALID_PARAMETER_VALUE',
    );
    const version = ok<{ model_version: MlModelVersion }>(
      await h.mlflow.get('model-versions/get', { name: 'native-cls', version: '1' }),
    ).model_version;
    expect(version).toMatchObject({
      name: 'native-cls',
      version: '1',
      status: 'READY',
      current_stage: 'None',
    });
  });
});
