import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paddleModels } from '../../testing/paddle-models.js';
import {
  mlflowError,
  ok,
  openMlflowHarness,
  setExperiment,
  startRunBody,
  tagRecord,
  type MlFileInfo,
  type MlflowHarness,
  type MlMetric,
  type MlModelVersion,
  type MlRegisteredModel,
  type MlRun,
  type MlRunInfo,
} from '../../testing/mlflow-wire.js';

/**
 * One training script, replayed request by request as the MLflow 2.9 Python client sends it
 * against a Gyre listening on 127.0.0.1 and spoken to with fetch:
 *
 *   mlflow.set_tracking_uri("http://127.0.0.1:<port>")
 *   mlflow.set_experiment("ocr")
 *   with mlflow.start_run(run_name="cls-baseline") as run:
 *       mlflow.log_param("lr", 0.01); mlflow.log_metric("loss", x, step=s); mlflow.log_metrics({...})
 *       mlflow.log_artifact("confusion.txt", "reports")
 *       mlflow.onnx.log_model(model, "model", registered_model_name="ocr-cls")
 *   client.set_registered_model_alias("ocr-cls", "champion", 1)
 *   mlflow.pyfunc.load_model("models:/ocr-cls@champion")
 */
let h: MlflowHarness;
beforeAll(async () => {
  h = await openMlflowHarness();
});
afterAll(() => h.dispose());

const cls = readFileSync(paddleModels.cls);
const modelFiles: Record<string, string | Buffer> = {
  MLmodel:
    'artifact_path: model\nflavors:\n  onnx:\n    code: null\n    data: model.onnx\n    onnx_version: 1.14.1\n',
  'conda.yaml': 'name: mlflow-env\ndependencies:\n- python=3.10\n',
  'python_env.yaml': 'python: 3.10.12\n',
  'requirements.txt': 'mlflow==2.9.2\nonnx==1.14.1\n',
  'model.onnx': cls,
};

describe('an MLflow 2.9 training script against Gyre over HTTP', () => {
  let exp: string;
  let runId: string;
  let artifactRoot: string;

  it('set_experiment and start_run', async () => {
    expect(h.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const experiment = await setExperiment(h.mlflow, 'ocr');
    exp = experiment.experiment_id;
    const body = startRunBody(exp, 'cls-baseline');
    const { run } = ok<{ run: MlRun }>(await h.mlflow.post('runs/create', body));
    runId = run.info.run_id;
    expect(run.info).toMatchObject({
      run_uuid: runId,
      status: 'RUNNING',
      run_name: 'cls-baseline',
    });
    artifactRoot = run.info.artifact_uri;
    expect(artifactRoot).toBe(`mlflow-artifacts:/${exp}/${runId}/artifacts`);
  });

  it('log_param, log_metric (steps, NaN), log_metrics / log_params / set_tags (log-batch)', async () => {
    ok(
      await h.mlflow.post('runs/log-parameter', {
        run_uuid: runId,
        run_id: runId,
        key: 'lr',
        value: '0.01',
      }),
    );
    const now = Date.now();
    for (const [step, value] of [
      [0, 0.9],
      [1, 0.4],
      [2, 'NaN'],
      [3, 0.2],
    ] as const)
      ok(
        await h.mlflow.post('runs/log-metric', {
          run_uuid: runId,
          run_id: runId,
          key: 'loss',
          value,
          timestamp: now + step,
          step,
        }),
      );
    ok(
      await h.mlflow.post('runs/log-batch', {
        run_id: runId,
        metrics: [{ key: 'acc', value: 0.93, timestamp: now, step: 0 }],
      }),
    );
    ok(
      await h.mlflow.post('runs/log-batch', {
        run_id: runId,
        params: [
          { key: 'epochs', value: '10' },
          { key: 'batch', value: '64' },
        ],
      }),
    );
    ok(
      await h.mlflow.post('runs/log-batch', {
        run_id: runId,
        tags: [{ key: 'dataset', value: 'icdar' }],
      }),
    );
    ok(
      await h.mlflow.post('runs/set-tag', {
        run_uuid: runId,
        run_id: runId,
        key: 'stage',
        value: 'baseline',
      }),
    );
    const history = ok<{ metrics: MlMetric[] }>(
      await h.mlflow.get('metrics/get-history', {
        run_uuid: runId,
        run_id: runId,
        metric_key: 'loss',
        max_results: 25000,
      }),
    );
    expect(history.metrics.map((m) => m.value)).toEqual([0.9, 0.4, 'NaN', 0.2]);
  });

  it('log_artifact: runs/get, then PUT to the resolved proxy URL', async () => {
    ok(await h.mlflow.get('runs/get', { run_uuid: runId, run_id: runId }));
    const base = artifactRoot.replace('mlflow-artifacts:/', '');
    ok(await h.mlflow.putArtifact(`${base}/reports/confusion.txt`, '[[48, 2], [3, 47]]\n'));
    const listed = ok<{ files: MlFileInfo[] }>(await h.mlflow.listArtifacts(`${base}/reports`));
    expect(listed.files).toEqual([{ path: 'confusion.txt', is_dir: false, file_size: 19 }]);
  });

  it('mlflow.onnx.log_model(..., registered_model_name="ocr-cls"): files, log-model, register', async () => {
    const base = artifactRoot.replace('mlflow-artifacts:/', '');
    for (const [name, content] of Object.entries(modelFiles))
      ok(await h.mlflow.putArtifact(`${base}/model/${name}`, content, 'application/octet-stream'));
    const mlmodel = {
      artifact_path: 'model',
      flavors: { onnx: { onnx_version: '1.14.1' } },
      run_id: runId,
      utc_time_created: '2024-01-01 00:00:00.000000',
    };
    ok(
      await h.mlflow.post('runs/log-model', { run_id: runId, model_json: JSON.stringify(mlmodel) }),
    );

    // _register_model: create the model (RESOURCE_ALREADY_EXISTS is tolerated), resolve runs:/, create the version.
    const created = ok<{ registered_model: MlRegisteredModel }>(
      await h.mlflow.post('registered-models/create', { name: 'ocr-cls' }),
    );
    expect(created.registered_model.name).toBe('ocr-cls');
    ok(await h.mlflow.get('runs/get', { run_uuid: runId, run_id: runId }));
    const source = `${artifactRoot}/model`;
    const { model_version } = ok<{ model_version: MlModelVersion }>(
      await h.mlflow.post('model-versions/create', { name: 'ocr-cls', source, run_id: runId }),
    );
    expect(model_version).toMatchObject({
      name: 'ocr-cls',
      version: '1',
      source,
      run_id: runId,
      status: 'READY',
      current_stage: 'None',
    });
    // Gyre can serve it: its registry holds the ONNX file with its signature.
    const version = await h.gyre.registry.versions.get('ocr-cls', 1);
    expect(version.statusMessage).toBe('');
    expect(version.signature?.inputs[0]?.name).toBe('x');

    // A second register_model of the same name: create answers 400 RESOURCE_ALREADY_EXISTS, version 2 follows.
    mlflowError(
      await h.mlflow.post('registered-models/create', { name: 'ocr-cls' }),
      400,
      'RESOURCE_ALREADY_EXISTS',
    );
    const second = ok<{ model_version: MlModelVersion }>(
      await h.mlflow.post('model-versions/create', { name: 'ocr-cls', source, run_id: runId }),
    );
    expect(second.model_version.version).toBe('2');
  });

  it('end_run', async () => {
    const end = Date.now();
    const { run_info } = ok<{ run_info: MlRunInfo }>(
      await h.mlflow.post('runs/update', {
        run_uuid: runId,
        run_id: runId,
        status: 'FINISHED',
        end_time: end,
      }),
    );
    expect(run_info).toMatchObject({ status: 'FINISHED', end_time: end });
    const { run } = ok<{ run: MlRun }>(
      await h.mlflow.get('runs/get', { run_uuid: runId, run_id: runId }),
    );
    expect(tagRecord(run.data.params)).toEqual({ lr: '0.01', epochs: '10', batch: '64' });
    expect(Object.fromEntries(run.data.metrics!.map((m) => [m.key, m.value]))).toEqual({
      loss: 0.2,
      acc: 0.93,
    });
    expect(tagRecord(run.data.tags)).toMatchObject({
      dataset: 'icdar',
      stage: 'baseline',
      'mlflow.runName': 'cls-baseline',
    });
  });

  it('aliases, stages, get_latest_versions, searches', async () => {
    ok(
      await h.mlflow.post('registered-models/alias', {
        name: 'ocr-cls',
        alias: 'champion',
        version: '1',
      }),
    );
    ok(
      await h.mlflow.post('model-versions/transition-stage', {
        name: 'ocr-cls',
        version: '1',
        stage: 'Production',
        archive_existing_versions: false,
      }),
    );
    ok(
      await h.mlflow.post('model-versions/transition-stage', {
        name: 'ocr-cls',
        version: '2',
        stage: 'Production',
        archive_existing_versions: true,
      }),
    );
    const latest = ok<{ model_versions: MlModelVersion[] }>(
      await h.mlflow.post('registered-models/get-latest-versions', {
        name: 'ocr-cls',
        stages: ['Production'],
      }),
    );
    expect(latest.model_versions.map((v) => [v.version, v.current_stage])).toEqual([
      ['2', 'Production'],
    ]);
    const runs = ok<{ runs: MlRun[] }>(
      await h.mlflow.post('runs/search', {
        experiment_ids: [exp],
        filter: "metrics.acc > 0.9 and params.lr = '0.01'",
        run_view_type: 'ACTIVE_ONLY',
        max_results: 1000,
        order_by: ['metrics.acc DESC'],
      }),
    );
    expect(runs.runs.map((r) => r.info.run_id)).toEqual([runId]);
    const versions = ok<{ model_versions: MlModelVersion[] }>(
      await h.mlflow.get('model-versions/search', { filter: "name='ocr-cls'", max_results: 10000 }),
    );
    expect(versions.model_versions.map((v) => v.version).sort()).toEqual(['1', '2']);
    const models = ok<{ registered_models: MlRegisteredModel[] }>(
      await h.mlflow.get('registered-models/search', { max_results: 100 }),
    );
    expect(models.registered_models[0]).toMatchObject({
      name: 'ocr-cls',
      aliases: [{ alias: 'champion', version: '1' }],
    });
  });

  it('load_model("models:/ocr-cls@champion"): alias, get-download-uri, list, download every file', async () => {
    const { model_version } = ok<{ model_version: MlModelVersion }>(
      await h.mlflow.get('registered-models/alias', { name: 'ocr-cls', alias: 'champion' }),
    );
    expect(model_version).toMatchObject({
      version: '1',
      aliases: ['champion'],
      current_stage: 'Archived',
    });
    const { artifact_uri } = ok<{ artifact_uri: string }>(
      await h.mlflow.get('model-versions/get-download-uri', {
        name: 'ocr-cls',
        version: model_version.version,
      }),
    );
    expect(artifact_uri).toBe(`${artifactRoot}/model`);
    const dir = artifact_uri.replace('mlflow-artifacts:/', '');
    const listed = ok<{ files: MlFileInfo[] }>(await h.mlflow.listArtifacts(dir));
    expect(listed.files.map((f) => f.path).sort()).toEqual(Object.keys(modelFiles).sort());
    for (const file of listed.files) {
      expect(file.is_dir).toBe(false);
      // The client lists each path first: a file lists as {}, so it downloads it as a file.
      expect(ok(await h.mlflow.listArtifacts(`${dir}/${file.path}`))).toEqual({});
      const got = await h.mlflow.getArtifact(`${dir}/${file.path}`);
      expect(got.status).toBe(200);
      expect(got.bytes.equals(Buffer.from(modelFiles[file.path]!))).toBe(true);
      expect(file.file_size).toBe(got.bytes.length);
    }
  });
});
