import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyAddModel } from '../../testing/tiny-onnx.js';
import {
  AJAX,
  API,
  ok,
  openMlflowHarness,
  type MlflowHarness,
  type MlRun,
  type WireResponse,
} from '../../testing/mlflow-wire.js';

// Every endpoint of issue 4 (item 1) once, in the order a script would call them, over a socket,
// with the bodies MLflow 2.9's RestStore sends (`run_uuid` beside `run_id`, GET fields in the
// query string, PATCH for updates, DELETE with a JSON body).
let h: MlflowHarness;
beforeAll(async () => {
  h = await openMlflowHarness();
});
afterAll(() => h.dispose());

/** `{}` for writes that answer nothing, otherwise the field the answer must carry. */
type Expected = Record<string, never> | string;
type Step = [label: string, call: () => Promise<WireResponse>, expected: Expected];

describe.each([API, AJAX])('every endpoint under %s', (prefix) => {
  it('answers 200 with the JSON object MLflow does', async () => {
    const m = h.mlflow.withPrefix(prefix);
    const artifacts = prefix.replace('/mlflow', '/mlflow-artifacts/artifacts');
    const name = `e${prefix.length}`;
    const model = `m${prefix.length}`;
    const T = 1_700_000_000_000;
    const exp = ok<{ experiment_id: string }>(
      await m.post('experiments/create', { name }),
    ).experiment_id;
    const run = ok<{ run: MlRun }>(
      await m.post('runs/create', { experiment_id: exp, start_time: T }),
    ).run.info.run_id;
    const ids = () => ({ run_uuid: run, run_id: run });
    const steps: Step[] = [
      ['experiments/get', () => m.get('experiments/get', { experiment_id: exp }), 'experiment'],
      [
        'experiments/get-by-name',
        () => m.get('experiments/get-by-name', { experiment_name: name }),
        'experiment',
      ],
      [
        'experiments/search POST',
        () => m.post('experiments/search', { max_results: 1000, view_type: 'ACTIVE_ONLY' }),
        'experiments',
      ],
      [
        'experiments/search GET',
        () => m.get('experiments/search', { max_results: 1000, view_type: 'ALL' }),
        'experiments',
      ],
      [
        'experiments/update',
        () => m.post('experiments/update', { experiment_id: exp, new_name: `${name}-2` }),
        {},
      ],
      [
        'experiments/set-experiment-tag',
        () =>
          m.post('experiments/set-experiment-tag', { experiment_id: exp, key: 'k', value: 'v' }),
        {},
      ],
      [
        'experiments/delete-experiment-tag',
        () => m.post('experiments/delete-experiment-tag', { experiment_id: exp, key: 'k' }),
        {},
      ],
      ['experiments/delete', () => m.post('experiments/delete', { experiment_id: exp }), {}],
      ['experiments/restore', () => m.post('experiments/restore', { experiment_id: exp }), {}],
      ['runs/get', () => m.get('runs/get', ids()), 'run'],
      ['runs/update', () => m.post('runs/update', { ...ids(), status: 'RUNNING' }), 'run_info'],
      [
        'runs/log-metric',
        () => m.post('runs/log-metric', { ...ids(), key: 'l', value: 1, timestamp: T, step: 0 }),
        {},
      ],
      [
        'runs/log-parameter',
        () => m.post('runs/log-parameter', { ...ids(), key: 'p', value: '1' }),
        {},
      ],
      ['runs/set-tag', () => m.post('runs/set-tag', { ...ids(), key: 't', value: 'v' }), {}],
      ['runs/delete-tag', () => m.post('runs/delete-tag', { run_id: run, key: 't' }), {}],
      [
        'runs/log-batch',
        () =>
          m.post('runs/log-batch', {
            run_id: run,
            metrics: ['NaN', 'Infinity', '-Infinity', 2].map((value, step) => ({
              key: 'l',
              value,
              timestamp: T,
              step: step + 1,
            })),
            params: [{ key: 'q', value: '2' }],
            tags: [{ key: 'u', value: 'w' }],
          }),
        {},
      ],
      [
        'runs/log-inputs',
        () =>
          m.post('runs/log-inputs', {
            run_id: run,
            datasets: [{ dataset: { name: 'd', digest: 'x', source_type: 'local', source: '{}' } }],
          }),
        {},
      ],
      [
        'runs/log-model',
        () => m.post('runs/log-model', { run_id: run, model_json: '{"artifact_path": "model"}' }),
        {},
      ],
      [
        'runs/search POST',
        () =>
          m.post('runs/search', {
            experiment_ids: [exp],
            filter: 'metrics.l > 1',
            run_view_type: 'ACTIVE_ONLY',
            max_results: 1000,
            order_by: ['metrics.l DESC'],
          }),
        'runs',
      ],
      [
        'runs/search GET',
        () => m.get('runs/search', { experiment_ids: [exp], max_results: 10 }),
        'runs',
      ],
      [
        'metrics/get-history',
        () => m.get('metrics/get-history', { ...ids(), metric_key: 'l', max_results: 25000 }),
        'metrics',
      ],
      [
        'mlflow-artifacts PUT',
        () =>
          m.send({
            method: 'PUT',
            url: `${artifacts}/${exp}/${run}/artifacts/model/model.onnx`,
            headers: { 'content-type': 'application/octet-stream' },
            body: Buffer.from(tinyAddModel()),
          }),
        {},
      ],
      [
        'mlflow-artifacts list',
        () => m.send({ method: 'GET', url: `${artifacts}?path=${exp}/${run}/artifacts/model` }),
        'files',
      ],
      ['artifacts/list', () => m.get('artifacts/list', { ...ids(), path: 'model' }), 'files'],
      [
        'registered-models/create',
        () => m.post('registered-models/create', { name: 'rm' }),
        'registered_model',
      ],
      [
        'registered-models/get',
        () => m.get('registered-models/get', { name: 'rm' }),
        'registered_model',
      ],
      [
        'registered-models/rename',
        () => m.post('registered-models/rename', { name: 'rm', new_name: model }),
        'registered_model',
      ],
      [
        'registered-models/update',
        () => m.patch('registered-models/update', { name: model, description: 'd' }),
        'registered_model',
      ],
      [
        'registered-models/search',
        () => m.get('registered-models/search', { filter: `name='${model}'`, max_results: 100 }),
        'registered_models',
      ],
      [
        'registered-models/set-tag',
        () => m.post('registered-models/set-tag', { name: model, key: 'k', value: 'v' }),
        {},
      ],
      [
        'registered-models/delete-tag',
        () => m.delete('registered-models/delete-tag', { name: model, key: 'k' }),
        {},
      ],
      [
        'model-versions/create',
        () =>
          m.post('model-versions/create', {
            name: model,
            source: `mlflow-artifacts:/${exp}/${run}/artifacts/model`,
            run_id: run,
          }),
        'model_version',
      ],
      [
        'model-versions/get',
        () => m.get('model-versions/get', { name: model, version: '1' }),
        'model_version',
      ],
      [
        'model-versions/update',
        () => m.patch('model-versions/update', { name: model, version: '1', description: 'd' }),
        'model_version',
      ],
      [
        'model-versions/search',
        () => m.get('model-versions/search', { filter: `name='${model}'`, max_results: 10000 }),
        'model_versions',
      ],
      [
        'model-versions/transition-stage',
        () =>
          m.post('model-versions/transition-stage', {
            name: model,
            version: '1',
            stage: 'Staging',
            archive_existing_versions: false,
          }),
        'model_version',
      ],
      [
        'registered-models/get-latest-versions POST',
        () => m.post('registered-models/get-latest-versions', { name: model, stages: ['Staging'] }),
        'model_versions',
      ],
      [
        'registered-models/get-latest-versions GET',
        () => m.get('registered-models/get-latest-versions', { name: model, stages: ['Staging'] }),
        'model_versions',
      ],
      [
        'model-versions/get-download-uri',
        () => m.get('model-versions/get-download-uri', { name: model, version: '1' }),
        'artifact_uri',
      ],
      [
        'model-versions/set-tag',
        () => m.post('model-versions/set-tag', { name: model, version: '1', key: 'k', value: 'v' }),
        {},
      ],
      [
        'model-versions/delete-tag',
        () => m.delete('model-versions/delete-tag', { name: model, version: '1', key: 'k' }),
        {},
      ],
      [
        'registered-models/alias POST',
        () => m.post('registered-models/alias', { name: model, alias: 'champ', version: '1' }),
        {},
      ],
      [
        'registered-models/alias GET',
        () => m.get('registered-models/alias', { name: model, alias: 'champ' }),
        'model_version',
      ],
      [
        'registered-models/alias DELETE',
        () => m.delete('registered-models/alias', { name: model, alias: 'champ' }),
        {},
      ],
      [
        'model-versions/delete',
        () => m.delete('model-versions/delete', { name: model, version: '1' }),
        {},
      ],
      ['registered-models/delete', () => m.delete('registered-models/delete', { name: model }), {}],
      ['runs/delete', () => m.post('runs/delete', { run_id: run }), {}],
      ['runs/restore', () => m.post('runs/restore', { run_id: run }), {}],
    ];
    for (const [label, call, expected] of steps) {
      const body = ok(await call());
      if (typeof expected === 'string') expect(body, label).toHaveProperty(expected);
      else expect(body, label).toEqual(expected);
    }
    const download = await m.send({
      method: 'GET',
      url: `${artifacts}/${exp}/${run}/artifacts/model/model.onnx`,
    });
    expect(download.status).toBe(200);
    expect(download.bytes.equals(Buffer.from(tinyAddModel()))).toBe(true);
  });
});
