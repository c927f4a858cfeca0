import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tinyAddModel } from '../../testing/tiny-onnx.js';
import {
  API,
  mlflowError,
  ok,
  openMlflowHarness,
  setExperiment,
  startRun,
  type MlExperiment,
  type MlflowHarness,
  type MlModelVersion,
  type MlRun,
  type MlRunInfo,
} from '../../testing/mlflow-wire.js';

// How MLflow's `_get_request_message` reads a request (mlflow/server/handlers.py, 2.9).
let h: MlflowHarness;
beforeEach(async () => {
  h = await openMlflowHarness();
});
afterEach(() => h.dispose());

describe('GET fields', () => {
  it('reads lists as repeated keys, k[]= and k[0]=; a single key becomes a one-item list', async () => {
    const exp = (await setExperiment(h.mlflow, 'lists')).experiment_id;
    const run = (await startRun(h.mlflow, exp, 'r')).info.run_id;
    ok(await h.mlflow.post('registered-models/create', { name: 'm' }));
    const model = Buffer.from(tinyAddModel());
    ok(await h.mlflow.putArtifact(`${exp}/${run}/artifacts/model/model.onnx`, model));
    for (const stage of ['Staging', 'Production']) {
      const v = ok<{ model_version: MlModelVersion }>(
        await h.mlflow.post('model-versions/create', {
          name: 'm',
          source: `mlflow-artifacts:/${exp}/${run}/artifacts/model`,
        }),
      ).model_version;
      ok(
        await h.mlflow.post('model-versions/transition-stage', {
          name: 'm',
          version: v.version,
          stage,
          archive_existing_versions: false,
        }),
      );
    }
    const latest = async (qs: string) =>
      ok<{ model_versions?: MlModelVersion[] }>(
        await h.mlflow.send({
          method: 'GET',
          url: `${API}/registered-models/get-latest-versions?name=m&${qs}`,
        }),
      )
        .model_versions?.map((v) => v.current_stage)
        .sort();
    const both = ['Production', 'Staging'];
    expect(await latest('stages=Staging&stages=Production')).toEqual(both);
    expect(await latest('stages%5B%5D=Staging&stages%5B%5D=Production')).toEqual(both);
    expect(await latest('stages[]=Staging&stages[]=Production')).toEqual(both);
    expect(await latest('stages[0]=Staging&stages[1]=Production')).toEqual(both);
    expect(await latest('stages=Production')).toEqual(['Production']);
    const exps = ok<{ experiments: MlExperiment[] }>(
      await h.mlflow.send({
        method: 'GET',
        url: `${API}/experiments/search?max_results=10&order_by[]=name+DESC&filter=name+LIKE+%27l%25%27`,
      }),
    );
    expect(exps.experiments.map((e) => e.name)).toEqual(['lists']);
  });

  it('reads a GET without a query string from its JSON body; a query string wins', async () => {
    const exp = (await setExperiment(h.mlflow, 'body')).experiment_id;
    // fetch cannot send a GET body; Fastify's inject can, as curl and old clients do.
    const get = (query: string, body: string) =>
      h.app.inject({
        method: 'GET',
        url: `${API}/experiments/get${query}`,
        headers: { 'content-type': 'application/json' },
        payload: body,
      });
    const fromBody = await get('', JSON.stringify({ experiment_id: exp }));
    expect(fromBody.statusCode, fromBody.body).toBe(200);
    expect(fromBody.json<{ experiment: MlExperiment }>().experiment.name).toBe('body');
    const fromQuery = await get('?experiment_id=0', JSON.stringify({ experiment_id: exp }));
    expect(fromQuery.json<{ experiment: MlExperiment }>().experiment.name).toBe('Default');
    const broken = await get('', '{"experiment_id": ');
    expect([broken.statusCode, broken.json<{ error_code: string }>().error_code]).toEqual([
      400,
      'BAD_REQUEST',
    ]);
  });
});

describe('JSON bodies', () => {
  it('accepts int experiment ids, numeric strings and double-encoded JSON', async () => {
    const exp = (await setExperiment(h.mlflow, 'ints')).experiment_id;
    const run = ok<{ run: MlRun }>(
      await h.mlflow.post('runs/create', {
        experiment_id: Number(exp),
        start_time: '1700000000000',
      }),
    ).run;
    expect(run.info).toMatchObject({ experiment_id: exp, start_time: 1_700_000_000_000 });
    const found = ok<{ runs: MlRun[] }>(
      await h.mlflow.post('runs/search', { experiment_ids: [Number(exp)], max_results: '10' }),
    );
    expect(found.runs).toHaveLength(1);
    ok(
      await h.mlflow.raw(
        'POST',
        'experiments/set-experiment-tag',
        JSON.stringify(JSON.stringify({ experiment_id: exp, key: 'twice', value: 'encoded' })),
      ),
    );
    const tags = ok<{ experiment: MlExperiment }>(
      await h.mlflow.get('experiments/get', { experiment_id: exp }),
    ).experiment.tags;
    expect(tags).toEqual([{ key: 'twice', value: 'encoded' }]);
    mlflowError(await h.mlflow.raw('POST', 'experiments/create', '{"name": '), 400, 'BAD_REQUEST');
  });

  it('takes RunStatus by number as ParseDict does (FINISHED = 3), and refuses unknown ones', async () => {
    const run = (await startRun(h.mlflow, '0', 'r')).info.run_id;
    const update = (status: number | string) =>
      h.mlflow.post('runs/update', { run_id: run, status, end_time: 1_700_000_000_000 });
    expect(ok<{ run_info: MlRunInfo }>(await update(3)).run_info.status).toBe('FINISHED');
    expect(ok<{ run_info: MlRunInfo }>(await update('4')).run_info.status).toBe('FAILED');
    mlflowError(await update(9), 400, 'INVALID_PARAMETER_VALUE');
    mlflowError(await update('DONE'), 400, 'INVALID_PARAMETER_VALUE');
  });

  it('ignores unknown fields, including MLflow 3.x ones', async () => {
    const exp = (await setExperiment(h.mlflow, 'unknown')).experiment_id;
    const run = ok<{ run: MlRun }>(
      await h.mlflow.post('runs/create', {
        experiment_id: exp,
        start_time: 1,
        tags: [],
        workspace: 'w',
        outputs: {},
      }),
    ).run.info.run_id;
    ok(
      await h.mlflow.post('runs/log-batch', {
        run_id: run,
        metrics: [
          {
            key: 'a',
            value: 1,
            timestamp: 1,
            step: 0,
            model_id: 'm-1',
            dataset_name: 'd',
            dataset_digest: 'x',
            run_id: run,
          },
        ],
        future: [1, 2],
      }),
    );
    ok(await h.mlflow.post('registered-models/create', { name: 'm', deployment_job_id: 'j' }));
    const got = ok<{ run: MlRun }>(
      await h.mlflow.get('runs/get', { run_id: run, include_outputs: 'true' }),
    ).run;
    expect(got.data.metrics).toEqual([{ key: 'a', value: 1, timestamp: 1, step: 0 }]);
  });
});

describe('content types', () => {
  // MLflow 2.9 checks POST (not PATCH or DELETE): a cross-site form post cannot say application/json.
  it('refuses a POST that is not application/json, with MLflow 2.9 messages', async () => {
    const body = JSON.stringify({ name: 'typed' });
    const post = (headers: Record<string, string>, payload: string | Buffer = body) =>
      h.mlflow.send({ method: 'POST', url: `${API}/experiments/create`, headers, body: payload });
    mlflowError(
      await post({ 'content-type': 'text/plain' }),
      400,
      'INVALID_PARAMETER_VALUE',
      "Bad Request. Content-Type must be one of ['application/json'].",
    );
    mlflowError(
      await post({ 'content-type': 'application/x-www-form-urlencoded' }, 'name=typed'),
      400,
      'INVALID_PARAMETER_VALUE',
      "Bad Request. Content-Type must be one of ['application/json'].",
    );
    mlflowError(
      await post({}, Buffer.from(body)), // fetch adds no content type to bytes
      400,
      'INVALID_PARAMETER_VALUE',
      'Bad Request. Content-Type header is missing.',
    );
    mlflowError(
      await h.mlflow.get('experiments/get-by-name', { experiment_name: 'typed' }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    );
    ok(await post({ 'content-type': 'application/json; charset=utf-8' }));
  });

  it('reads PATCH and DELETE bodies as JSON whatever their content type', async () => {
    ok(await h.mlflow.post('registered-models/create', { name: 'loose' }));
    const send = (method: 'PATCH' | 'DELETE', endpoint: string, body: object) =>
      h.mlflow.send({
        method,
        url: `${API}/${endpoint}`,
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify(body),
      });
    const patched = ok<{ registered_model: { description?: string } }>(
      await send('PATCH', 'registered-models/update', { name: 'loose', description: 'd' }),
    );
    expect(patched.registered_model.description).toBe('d');
    ok(await send('DELETE', 'registered-models/delete', { name: 'loose' }));
  });
});
