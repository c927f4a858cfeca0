import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AJAX,
  API,
  mlflowError,
  ok,
  openMlflowHarness,
  setExperiment,
  startRun,
  type MlExperiment,
  type MlflowHarness,
  type MlflowWire,
  type MlRun,
} from '../../testing/mlflow-wire.js';

let h: MlflowHarness;
beforeEach(async () => {
  h = await openMlflowHarness();
});
afterEach(() => h.dispose());

const getExperiment = async (mlflow: MlflowWire, experiment_id: string) =>
  ok<{ experiment: MlExperiment }>(await mlflow.get('experiments/get', { experiment_id }))
    .experiment;

describe.each([API, AJAX])('experiments under %s', (prefix) => {
  it('set_experiment: get-by-name 404, create, get — the MLflow 2.9 client sequence', async () => {
    const mlflow = h.mlflow.withPrefix(prefix);
    const before = Date.now();
    const missing = await mlflow.get('experiments/get-by-name', { experiment_name: 'churn' });
    mlflowError(
      missing,
      404,
      'RESOURCE_DOES_NOT_EXIST',
      "Could not find experiment with name 'churn'",
    );
    const created = ok(await mlflow.post('experiments/create', { name: 'churn' }));
    expect(Object.keys(created)).toEqual(['experiment_id']);
    const id = created.experiment_id;
    expect(id).toMatch(/^[1-9]\d*$/); // a string holding an integer; "0" is Default

    const experiment = await getExperiment(mlflow, id as string);
    expect(Object.keys(experiment).sort()).toEqual([
      'artifact_location',
      'creation_time',
      'experiment_id',
      'last_update_time',
      'lifecycle_stage',
      'name',
    ]);
    expect(experiment).toMatchObject({
      experiment_id: id,
      name: 'churn',
      artifact_location: `mlflow-artifacts:/${id as string}`,
      lifecycle_stage: 'active',
    });
    expect(typeof experiment.creation_time).toBe('number');
    expect(experiment.creation_time).toBeGreaterThanOrEqual(before);
    expect(typeof experiment.last_update_time).toBe('number');

    // The next set_experiment finds it by name.
    expect(await setExperiment(mlflow, 'churn')).toEqual(experiment);
  });
});

describe('experiments/create', () => {
  it('stores tags, and refuses a duplicate name with 400 RESOURCE_ALREADY_EXISTS', async () => {
    const { experiment_id } = ok<{ experiment_id: string }>(
      await h.mlflow.post('experiments/create', {
        name: 'tagged',
        tags: [
          { key: 'team', value: 'risk' },
          { key: 'empty', value: '' },
        ],
      }),
    );
    const experiment = await getExperiment(h.mlflow, experiment_id);
    expect(experiment.tags).toEqual(
      expect.arrayContaining([
        { key: 'team', value: 'risk' },
        { key: 'empty', value: '' },
      ]),
    );
    mlflowError(
      await h.mlflow.post('experiments/create', { name: 'tagged' }),
      400,
      'RESOURCE_ALREADY_EXISTS',
    );
  });

  it('keeps a deleted experiment name reserved (MLflow SQL store)', async () => {
    const experiment = await setExperiment(h.mlflow, 'old');
    ok(await h.mlflow.post('experiments/delete', { experiment_id: experiment.experiment_id }));
    mlflowError(
      await h.mlflow.post('experiments/create', { name: 'old' }),
      400,
      'RESOURCE_ALREADY_EXISTS',
    );
    // get-by-name still answers, and set_experiment sees the deleted stage.
    const found = ok<{ experiment: MlExperiment }>(
      await h.mlflow.get('experiments/get-by-name', { experiment_name: 'old' }),
    );
    expect(found.experiment.lifecycle_stage).toBe('deleted');
  });

  it('requires a name; accepts mlflow-artifacts: locations; ignores unknown fields', async () => {
    mlflowError(
      await h.mlflow.post('experiments/create', {}),
      400,
      'INVALID_PARAMETER_VALUE',
      /'name'/,
    );
    mlflowError(
      await h.mlflow.post('experiments/create', { name: '' }),
      400,
      'INVALID_PARAMETER_VALUE',
    );
    const created = ok<{ experiment_id: string }>(
      await h.mlflow.post('experiments/create', {
        name: 'located',
        artifact_location: 'mlflow-artifacts:/somewhere',
        workspace: 'ignored-3x-field',
      }),
    );
    expect((await getExperiment(h.mlflow, created.experiment_id)).artifact_location).toBe(
      `mlflow-artifacts:/${created.experiment_id}`,
    );
  });
});

describe('experiments/get', () => {
  it('serves the Default experiment "0" and 404s an unknown id', async () => {
    expect(await getExperiment(h.mlflow, '0')).toMatchObject({
      experiment_id: '0',
      name: 'Default',
      artifact_location: 'mlflow-artifacts:/0',
      lifecycle_stage: 'active',
    });
    mlflowError(
      await h.mlflow.get('experiments/get', { experiment_id: '999' }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
      'No Experiment with id=999 exists',
    );
  });
});

describe('experiments/search', () => {
  it('answers the client body (POST) and the query form (GET) with int64 numbers', async () => {
    const a = await setExperiment(h.mlflow, 'alpha');
    await setExperiment(h.mlflow, 'beta');
    const posted = ok<{ experiments: MlExperiment[] }>(
      await h.mlflow.post('experiments/search', { max_results: 1000, view_type: 'ACTIVE_ONLY' }),
    );
    expect(posted.experiments.map((e) => e.name).sort()).toEqual(['Default', 'alpha', 'beta']);
    expect(posted).not.toHaveProperty('next_page_token');

    const filtered = ok<{ experiments: MlExperiment[] }>(
      await h.mlflow.get('experiments/search', {
        max_results: 10,
        filter: "name LIKE 'al%'",
        order_by: ['name ASC', 'creation_time DESC'],
        view_type: 'ACTIVE_ONLY',
      }),
    );
    expect(filtered.experiments).toEqual([a]);
  });

  it('pages with next_page_token and answers {} when nothing matches', async () => {
    for (const name of ['e1', 'e2', 'e3']) await setExperiment(h.mlflow, name);
    const first = ok<{ experiments: MlExperiment[]; next_page_token: string }>(
      await h.mlflow.post('experiments/search', {
        max_results: 2,
        view_type: 'ACTIVE_ONLY',
        order_by: ['name'],
      }),
    );
    expect(first.experiments.map((e) => e.name)).toEqual(['Default', 'e1']);
    expect(typeof first.next_page_token).toBe('string');
    const second = ok<{ experiments: MlExperiment[] }>(
      await h.mlflow.post('experiments/search', {
        max_results: 2,
        view_type: 'ACTIVE_ONLY',
        order_by: ['name'],
        page_token: first.next_page_token,
      }),
    );
    expect(second.experiments.map((e) => e.name)).toEqual(['e2', 'e3']);
    expect(second).not.toHaveProperty('next_page_token');
    expect(
      ok(await h.mlflow.post('experiments/search', { max_results: 10, filter: "name = 'nope'" })),
    ).toEqual({});
  });

  it('filters by view type and by tags', async () => {
    const gone = await setExperiment(h.mlflow, 'gone');
    const kept = await setExperiment(h.mlflow, 'kept');
    ok(
      await h.mlflow.post('experiments/set-experiment-tag', {
        experiment_id: kept.experiment_id,
        key: 'team',
        value: 'risk',
      }),
    );
    ok(await h.mlflow.post('experiments/delete', { experiment_id: gone.experiment_id }));
    const names = async (body: object) =>
      (
        ok<{ experiments?: MlExperiment[] }>(
          await h.mlflow.post('experiments/search', { max_results: 1000, ...body }),
        ).experiments ?? []
      )
        .map((e) => e.name)
        .sort();
    expect(await names({ view_type: 'DELETED_ONLY' })).toEqual(['gone']);
    expect(await names({ view_type: 'ALL' })).toEqual(['Default', 'gone', 'kept']);
    expect(await names({ filter: "tags.team = 'risk'" })).toEqual(['kept']);
  });
});

describe('experiments/update, delete, restore, tags', () => {
  it('renames an active experiment; 404 for an unknown id', async () => {
    const e = await setExperiment(h.mlflow, 'before');
    expect(
      ok(
        await h.mlflow.post('experiments/update', {
          experiment_id: e.experiment_id,
          new_name: 'after',
        }),
      ),
    ).toEqual({});
    expect((await getExperiment(h.mlflow, e.experiment_id)).name).toBe('after');
    mlflowError(
      await h.mlflow.post('experiments/update', { experiment_id: '404', new_name: 'x' }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    );
  });

  it('refuses to rename a deleted experiment without a retryable 5xx', async () => {
    // MLflow answers 500 INVALID_STATE, which the client retries for minutes; Gyre answers 400.
    const e = await setExperiment(h.mlflow, 'frozen');
    ok(await h.mlflow.post('experiments/delete', { experiment_id: e.experiment_id }));
    mlflowError(
      await h.mlflow.post('experiments/update', {
        experiment_id: e.experiment_id,
        new_name: 'thawed',
      }),
      400,
      'INVALID_PARAMETER_VALUE',
      'Cannot rename a non-active experiment.',
    );
  });

  it('delete hides the experiment and its runs; restore brings back the runs the delete took', async () => {
    const e = await setExperiment(h.mlflow, 'lifecycle');
    const kept = await startRun(h.mlflow, e.experiment_id, 'kept');
    const earlier = await startRun(h.mlflow, e.experiment_id, 'deleted-earlier');
    ok(await h.mlflow.post('runs/delete', { run_id: earlier.info.run_id }));

    expect(
      ok(await h.mlflow.post('experiments/delete', { experiment_id: e.experiment_id })),
    ).toEqual({});
    const deleted = await getExperiment(h.mlflow, e.experiment_id);
    expect(deleted.lifecycle_stage).toBe('deleted');
    expect(deleted.last_update_time).toBeGreaterThanOrEqual(e.last_update_time!);
    const stage = async (run: MlRun) =>
      ok<{ run: MlRun }>(
        await h.mlflow.get('runs/get', { run_uuid: run.info.run_id, run_id: run.info.run_id }),
      ).run.info.lifecycle_stage;
    expect(await stage(kept)).toBe('deleted');
    mlflowError(
      await h.mlflow.post('experiments/delete', { experiment_id: e.experiment_id }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
      `No Experiment with id=${e.experiment_id} exists`,
    );
    // Logging into a deleted experiment is refused.
    mlflowError(
      await h.mlflow.post('runs/create', {
        experiment_id: e.experiment_id,
        start_time: Date.now(),
      }),
      400,
      'INVALID_PARAMETER_VALUE',
    );

    expect(
      ok(await h.mlflow.post('experiments/restore', { experiment_id: e.experiment_id })),
    ).toEqual({});
    expect((await getExperiment(h.mlflow, e.experiment_id)).lifecycle_stage).toBe('active');
    expect(await stage(kept)).toBe('active');
    expect(await stage(earlier)).toBe('deleted'); // MLflow would restore it too (documented difference)
    mlflowError(
      await h.mlflow.post('experiments/restore', { experiment_id: e.experiment_id }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
      `No Experiment with id=${e.experiment_id} exists`,
    );
  });

  it('set-experiment-tag upserts, delete-experiment-tag removes; deleted experiments refuse tags', async () => {
    const e = await setExperiment(h.mlflow, 'tags');
    const tag = (key: string, value: string) =>
      h.mlflow.post('experiments/set-experiment-tag', {
        experiment_id: e.experiment_id,
        key,
        value,
      });
    expect(ok(await tag('k', 'v1'))).toEqual({});
    ok(await tag('k', 'v2'));
    ok(await tag('blank', ''));
    expect((await getExperiment(h.mlflow, e.experiment_id)).tags).toEqual(
      expect.arrayContaining([
        { key: 'k', value: 'v2' },
        { key: 'blank', value: '' },
      ]),
    );
    expect(
      ok(
        await h.mlflow.post('experiments/delete-experiment-tag', {
          experiment_id: e.experiment_id,
          key: 'k',
        }),
      ),
    ).toEqual({});
    expect((await getExperiment(h.mlflow, e.experiment_id)).tags).toEqual([
      { key: 'blank', value: '' },
    ]);
    mlflowError(await tag('x'.repeat(251), 'v'), 400, 'INVALID_PARAMETER_VALUE');
    ok(await h.mlflow.post('experiments/delete', { experiment_id: e.experiment_id }));
    mlflowError(
      await tag('k', 'v3'),
      400,
      'INVALID_PARAMETER_VALUE',
      `The experiment ${e.experiment_id} must be in the 'active' state. Current state is deleted.`,
    );
  });
});
