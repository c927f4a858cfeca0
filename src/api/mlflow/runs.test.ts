import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  mlflowError,
  ok,
  openMlflowHarness,
  setExperiment,
  startRun,
  startRunBody,
  tagRecord,
  type MlflowHarness,
  type MlRun,
  type MlRunInfo,
} from '../../testing/mlflow-wire.js';

let h: MlflowHarness;
let exp: string;
beforeEach(async () => {
  h = await openMlflowHarness();
  exp = (await setExperiment(h.mlflow, 'runs')).experiment_id;
});
afterEach(() => h.dispose());

/** `GET runs/get?run_uuid=X&run_id=X`, as the client sends it. */
const getRun = async (runId: string) =>
  ok<{ run: MlRun }>(await h.mlflow.get('runs/get', { run_uuid: runId, run_id: runId })).run;

describe('runs/create (mlflow.start_run)', () => {
  it('answers the client body with a RUNNING run shaped as MLflow writes it', async () => {
    const body = startRunBody(exp, 'baseline', [{ key: 'team', value: 'risk' }]);
    const res = await h.mlflow.post('runs/create', body);
    const { run } = ok<{ run: MlRun }>(res);
    expect(Object.keys(run).sort()).toEqual(['data', 'info']); // no inputs on create
    const id = run.info.run_id;
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(run.info).toEqual({
      run_uuid: id,
      run_id: id,
      experiment_id: exp,
      run_name: 'baseline',
      user_id: 'alice',
      status: 'RUNNING',
      start_time: body.start_time,
      artifact_uri: `mlflow-artifacts:/${exp}/${id}/artifacts`,
      lifecycle_stage: 'active',
    } satisfies MlRunInfo);
    expect(run.data).not.toHaveProperty('metrics');
    expect(run.data).not.toHaveProperty('params');
    expect(tagRecord(run.data.tags)).toEqual(tagRecord(body.tags));
  });

  it('names an unnamed run and adds the mlflow.runName tag; experiment defaults to "0"', async () => {
    const { run } = ok<{ run: MlRun }>(
      await h.mlflow.post('runs/create', { user_id: 'bob', start_time: 1_700_000_000_000 }),
    );
    expect(run.info.experiment_id).toBe('0');
    expect(run.info.run_name).toMatch(/^[a-z]+-[a-z]+-\d{1,3}$/);
    expect(tagRecord(run.data.tags)['mlflow.runName']).toBe(run.info.run_name);
    expect(run.info.start_time).toBe(1_700_000_000_000);
    // start_time as a numeric string (ParseDict accepts it) and the name from the tag alone.
    const fromTag = ok<{ run: MlRun }>(
      await h.mlflow.post('runs/create', {
        experiment_id: Number(exp), // ints are stringified by MLflow
        start_time: '1700000000001',
        tags: [{ key: 'mlflow.runName', value: 'tagged' }],
      }),
    ).run;
    expect(fromTag.info).toMatchObject({
      run_name: 'tagged',
      start_time: 1_700_000_000_001,
      experiment_id: exp,
    });
  });

  it('refuses different run_name and mlflow.runName, an unknown experiment, a deleted one', async () => {
    mlflowError(
      await h.mlflow.post('runs/create', {
        experiment_id: exp,
        run_name: 'a',
        tags: [{ key: 'mlflow.runName', value: 'b' }],
      }),
      400,
      'INVALID_PARAMETER_VALUE',
      "Both 'run_name' argument and 'mlflow.runName' tag are specified, but with different values (run_name='a', mlflow.runName='b').",
    );
    mlflowError(
      await h.mlflow.post('runs/create', { experiment_id: '4242' }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    );
  });
});

describe('runs/get', () => {
  it('reads by run_id, by run_uuid alone, and 404s an unknown id', async () => {
    const run = await startRun(h.mlflow, exp, 'r');
    const got = await getRun(run.info.run_id);
    expect(got.info).toEqual(run.info);
    expect(tagRecord(got.data.tags)).toEqual(tagRecord(run.data.tags));
    // MLflow attaches RunInputs on get (empty here): `inputs` is {} or absent.
    expect(got.inputs ?? {}).toEqual({});
    const legacy = ok<{ run: MlRun }>(
      await h.mlflow.get('runs/get', { run_uuid: run.info.run_id }),
    ).run;
    expect(legacy.info.run_id).toBe(run.info.run_id);
    const unknown = 'f'.repeat(32);
    mlflowError(
      await h.mlflow.get('runs/get', { run_uuid: unknown, run_id: unknown }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
      new RegExp(unknown), // MLflow: `Run with id=<id> not found` (client shows it, never parses it)
    );
  });
});

describe('runs/update (mlflow.end_run)', () => {
  it('finishes the run with the client body and returns run_info', async () => {
    const run = await startRun(h.mlflow, exp, 'r');
    const id = run.info.run_id;
    const endTime = run.info.start_time + 5000;
    const { run_info } = ok<{ run_info: MlRunInfo }>(
      await h.mlflow.post('runs/update', {
        run_uuid: id,
        run_id: id,
        status: 'FINISHED',
        end_time: endTime,
      }),
    );
    expect(run_info).toEqual({ ...run.info, status: 'FINISHED', end_time: endTime });
    // Resuming: start_run(run_id=X) sends RUNNING with the previous end_time.
    ok(
      await h.mlflow.post('runs/update', {
        run_uuid: id,
        run_id: id,
        status: 'RUNNING',
        end_time: endTime,
      }),
    );
    expect((await getRun(id)).info.status).toBe('RUNNING');
    for (const status of ['FAILED', 'KILLED', 'SCHEDULED']) {
      const info = ok<{ run_info: MlRunInfo }>(
        await h.mlflow.post('runs/update', { run_id: id, status }),
      ).run_info;
      expect(info.status).toBe(status);
    }
  });

  it('renames through run_name (tag follows); a deleted run is refused', async () => {
    const id = (await startRun(h.mlflow, exp, 'old')).info.run_id;
    const info = ok<{ run_info: MlRunInfo }>(
      await h.mlflow.post('runs/update', { run_id: id, run_name: 'new' }),
    ).run_info;
    expect(info).toMatchObject({ run_name: 'new', status: 'RUNNING' });
    expect(tagRecord((await getRun(id)).data.tags)['mlflow.runName']).toBe('new');
    ok(await h.mlflow.post('runs/delete', { run_id: id }));
    mlflowError(
      await h.mlflow.post('runs/update', {
        run_uuid: id,
        run_id: id,
        status: 'FINISHED',
        end_time: Date.now(),
      }),
      400,
      'INVALID_PARAMETER_VALUE',
      `The run ${id} must be in the 'active' state. Current state is deleted.`,
    );
  });
});

describe('runs/delete and runs/restore', () => {
  it('soft-deletes and restores (idempotent), 404 for an unknown run', async () => {
    const id = (await startRun(h.mlflow, exp, 'r')).info.run_id;
    expect(ok(await h.mlflow.post('runs/delete', { run_id: id }))).toEqual({});
    expect((await getRun(id)).info.lifecycle_stage).toBe('deleted');
    ok(await h.mlflow.post('runs/delete', { run_id: id }));
    expect(ok(await h.mlflow.post('runs/restore', { run_id: id }))).toEqual({});
    expect((await getRun(id)).info.lifecycle_stage).toBe('active');
    ok(await h.mlflow.post('runs/restore', { run_id: id }));
    const unknown = '0'.repeat(32);
    mlflowError(
      await h.mlflow.post('runs/delete', { run_id: unknown }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    );
    mlflowError(
      await h.mlflow.post('runs/restore', { run_id: unknown }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    );
    mlflowError(await h.mlflow.post('runs/delete', {}), 400, 'INVALID_PARAMETER_VALUE', /'run_id'/);
  });
});

describe('runs/set-tag and runs/delete-tag', () => {
  it('upserts tags (mlflow.runName renames the run) and deletes them', async () => {
    const id = (await startRun(h.mlflow, exp, 'r')).info.run_id;
    const setTag = (key: string, value: string) =>
      h.mlflow.post('runs/set-tag', { run_uuid: id, run_id: id, key, value });
    expect(ok(await setTag('stage', 'dev'))).toEqual({});
    ok(await setTag('stage', 'prod'));
    ok(await setTag('mlflow.runName', 'renamed'));
    const run = await getRun(id);
    expect(run.info.run_name).toBe('renamed');
    expect(tagRecord(run.data.tags)).toMatchObject({ stage: 'prod', 'mlflow.runName': 'renamed' });

    expect(ok(await h.mlflow.post('runs/delete-tag', { run_id: id, key: 'stage' }))).toEqual({});
    expect(tagRecord((await getRun(id)).data.tags)).not.toHaveProperty('stage');
    mlflowError(
      await h.mlflow.post('runs/delete-tag', { run_id: id, key: 'stage' }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
      /stage/, // MLflow: `No tag with name: stage in run with id <id>`
    );
    mlflowError(await setTag('bad*key', 'v'), 400, 'INVALID_PARAMETER_VALUE');
    mlflowError(await setTag('long', 'v'.repeat(8001)), 400, 'INVALID_PARAMETER_VALUE');
  });

  it('refuses tag changes on a deleted run', async () => {
    const id = (await startRun(h.mlflow, exp, 'r')).info.run_id;
    ok(await h.mlflow.post('runs/set-tag', { run_id: id, key: 'k', value: 'v' }));
    ok(await h.mlflow.post('runs/delete', { run_id: id }));
    mlflowError(
      await h.mlflow.post('runs/set-tag', { run_id: id, key: 'k', value: 'w' }),
      400,
      'INVALID_PARAMETER_VALUE',
    );
    mlflowError(
      await h.mlflow.post('runs/delete-tag', { run_id: id, key: 'k' }),
      400,
      'INVALID_PARAMETER_VALUE',
    );
  });
});
