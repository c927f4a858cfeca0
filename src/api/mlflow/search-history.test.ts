import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  mlflowError,
  ok,
  openMlflowHarness,
  setExperiment,
  startRun,
  type MlFileInfo,
  type MlflowHarness,
  type MlMetric,
  type MlRun,
} from '../../testing/mlflow-wire.js';

let h: MlflowHarness;
let exp: string;
/** run name → run id */
const ids: Record<string, string> = {};
const T = 1_700_000_000_000;

beforeEach(async () => {
  h = await openMlflowHarness();
  exp = (await setExperiment(h.mlflow, 'search')).experiment_id;
  // Three runs, like three `with mlflow.start_run(): log_params/log_metrics` blocks.
  const specs = [
    { name: 'adam-small', lr: '0.1', opt: 'adam', loss: 0.3, team: 'vision' },
    { name: 'adam-big', lr: '0.01', opt: 'adam', loss: 0.2, team: 'nlp' },
    { name: 'sgd', lr: '0.1', opt: 'sgd', loss: 0.6, team: 'vision' },
  ];
  for (const [i, s] of specs.entries()) {
    const id = (await startRun(h.mlflow, exp, s.name, T + 1000 * (i + 1))).info.run_id;
    ids[s.name] = id;
    ok(
      await h.mlflow.post('runs/log-batch', {
        run_id: id,
        metrics: [
          { key: 'loss', value: s.loss + 1, timestamp: T, step: 0 },
          { key: 'loss', value: s.loss, timestamp: T + 1, step: 1 },
        ],
        params: [
          { key: 'lr', value: s.lr },
          { key: 'optimizer', value: s.opt },
        ],
        tags: [{ key: 'team', value: s.team }],
      }),
    );
  }
  ok(
    await h.mlflow.post('runs/update', {
      run_id: ids.sgd,
      status: 'FINISHED',
      end_time: Date.now(),
    }),
  );
});
afterEach(() => h.dispose());

/** `MlflowClient().search_runs([exp], filter)`: the exact body the client posts. */
const search = async (filter: string, extra: object = {}) =>
  ok<{ runs?: MlRun[]; next_page_token?: string }>(
    await h.mlflow.post('runs/search', {
      experiment_ids: [exp],
      filter,
      run_view_type: 'ACTIVE_ONLY',
      max_results: 1000,
      ...extra,
    }),
  );
const names = async (filter: string, extra: object = {}) =>
  ((await search(filter, extra)).runs ?? []).map((r) => r.info.run_name);

describe('runs/search', () => {
  it('answers the client body with full runs (latest metrics, params, tags), newest first', async () => {
    const result = await search('');
    expect(result).not.toHaveProperty('next_page_token');
    expect(result.runs!.map((r) => r.info.run_name)).toEqual(['sgd', 'adam-big', 'adam-small']);
    const small = result.runs!.find((r) => r.info.run_name === 'adam-small')!;
    expect(small.info).toMatchObject({
      run_uuid: ids['adam-small'],
      run_id: ids['adam-small'],
      experiment_id: exp,
      status: 'RUNNING',
      artifact_uri: `mlflow-artifacts:/${exp}/${ids['adam-small']}/artifacts`,
      lifecycle_stage: 'active',
    });
    expect(small.data.metrics).toEqual([{ key: 'loss', value: 0.3, timestamp: T + 1, step: 1 }]);
    expect(small.data.params).toEqual(
      expect.arrayContaining([
        { key: 'lr', value: '0.1' },
        { key: 'optimizer', value: 'adam' },
      ]),
    );
    expect(small.data.tags).toEqual(expect.arrayContaining([{ key: 'team', value: 'vision' }]));
  });

  it("takes MLflow's filter grammar on metrics, params, tags and attributes", async () => {
    expect(await names("metrics.loss < 0.5 and params.lr = '0.1'")).toEqual(['adam-small']);
    expect(await names("params.optimizer = 'adam'", { order_by: ['metrics.loss ASC'] })).toEqual([
      'adam-big',
      'adam-small',
    ]);
    expect(await names("tags.team = 'vision'", { order_by: ['metrics.loss DESC'] })).toEqual([
      'sgd',
      'adam-small',
    ]);
    expect(await names("attributes.status = 'FINISHED'")).toEqual(['sgd']);
    expect(
      await names("run_name LIKE 'adam-%'", { order_by: ['attributes.run_name ASC'] }),
    ).toEqual(['adam-big', 'adam-small']);
    expect(await names("tags.`team` ILIKE 'NLP'")).toEqual(['adam-big']);
    expect(await names(`attributes.run_id = '${ids.sgd}'`)).toEqual(['sgd']);
    expect(await names(`attributes.start_time > ${T}`)).toHaveLength(3);
    expect(await names('metrics.loss >= 0.6')).toEqual(['sgd']);
    expect(await names('metrics.missing > 0')).toEqual([]);
  });

  it("takes Gyre's OR / parentheses extension", async () => {
    expect(
      await names("metrics.loss < 0.25 or (params.optimizer = 'sgd' and tags.team = 'vision')", {
        order_by: ['metrics.loss ASC'],
      }),
    ).toEqual(['adam-big', 'sgd']);
  });

  it('refuses a bad filter or max_results over 50000 with 400 (never a retried 5xx)', async () => {
    mlflowError(
      await h.mlflow.post('runs/search', {
        experiment_ids: [exp],
        filter: 'metrics.loss >> 1',
        max_results: 10,
      }),
      400,
      'INVALID_PARAMETER_VALUE',
    );
    mlflowError(
      await h.mlflow.post('runs/search', { experiment_ids: [exp], max_results: 50001 }),
      400,
      'INVALID_PARAMETER_VALUE',
      "Invalid value 50001 for parameter 'max_results' supplied. Hint: Value was of type 'int'. See the API docs for more information about request parameters.",
    );
  });

  it('pages with next_page_token (mlflow.search_runs) and answers {} for no hits', async () => {
    const first = await search('', { max_results: 2 });
    expect(first.runs).toHaveLength(2);
    expect(typeof first.next_page_token).toBe('string');
    const second = await search('', { max_results: 2, page_token: first.next_page_token });
    expect(second.runs!.map((r) => r.info.run_name)).toEqual(['adam-small']);
    expect(
      ok(
        await h.mlflow.post('runs/search', {
          experiment_ids: [exp],
          filter: "params.lr = 'nope'",
          run_view_type: 'ACTIVE_ONLY',
          max_results: 1000,
        }),
      ),
    ).toEqual({});
  });

  it('honours run_view_type (names or numbers) across several experiments', async () => {
    const other = (await setExperiment(h.mlflow, 'other')).experiment_id;
    await startRun(h.mlflow, other, 'elsewhere');
    ok(await h.mlflow.post('runs/delete', { run_id: ids.sgd }));
    const view = async (run_view_type: string | number) =>
      (
        ok<{ runs?: MlRun[] }>(
          await h.mlflow.post('runs/search', {
            experiment_ids: [exp, other],
            run_view_type,
            max_results: 100,
          }),
        ).runs ?? []
      )
        .map((r) => r.info.run_name)
        .sort();
    expect(await view('ACTIVE_ONLY')).toEqual(['adam-big', 'adam-small', 'elsewhere']);
    expect(await view('DELETED_ONLY')).toEqual(['sgd']);
    expect(await view('ALL')).toEqual(['adam-big', 'adam-small', 'elsewhere', 'sgd']);
    expect(await view(2)).toEqual(['sgd']);
  });
});

describe('metrics/get-history (MlflowClient.get_metric_history)', () => {
  it('returns every point with the exact client query (run_uuid, run_id, max_results=25000)', async () => {
    const id = ids['adam-small']!;
    const res = await h.mlflow.get('metrics/get-history', {
      run_uuid: id,
      run_id: id,
      metric_key: 'loss',
      max_results: 25000,
    });
    const body = ok<{ metrics: MlMetric[]; next_page_token?: string }>(res);
    expect(body).toEqual({
      metrics: [
        { key: 'loss', value: 1.3, timestamp: T, step: 0 },
        { key: 'loss', value: 0.3, timestamp: T + 1, step: 1 },
      ],
    });
    // An unknown key (and, in MLflow's SQL store, an unknown run) is an empty history.
    expect(
      ok(
        await h.mlflow.get('metrics/get-history', {
          run_uuid: id,
          run_id: id,
          metric_key: 'nope',
          max_results: 25000,
        }),
      ),
    ).toEqual({});
    mlflowError(
      await h.mlflow.get('metrics/get-history', { run_id: id }),
      400,
      'INVALID_PARAMETER_VALUE',
      /'metric_key'/,
    );
  });

  it('keeps 2,000 points in one answer and pages when a smaller max_results is given', async () => {
    const id = ids.sgd!;
    const metrics = Array.from({ length: 1000 }, (_, i) => ({
      key: 'curve',
      value: i / 10,
      timestamp: T + i,
      step: i,
    }));
    ok(await h.mlflow.post('runs/log-batch', { run_id: id, metrics }));
    ok(
      await h.mlflow.post('runs/log-batch', {
        run_id: id,
        metrics: metrics.map((m) => ({ ...m, step: m.step + 1000 })),
      }),
    );
    const all = ok<{ metrics: MlMetric[]; next_page_token?: string }>(
      await h.mlflow.get('metrics/get-history', {
        run_uuid: id,
        run_id: id,
        metric_key: 'curve',
        max_results: 25000,
      }),
    );
    expect(all.metrics).toHaveLength(2000);
    expect(all).not.toHaveProperty('next_page_token');
    // The client follows next_page_token until none is returned.
    let token: string | undefined;
    let seen = 0;
    do {
      const page = ok<{ metrics: MlMetric[]; next_page_token?: string }>(
        await h.mlflow.get('metrics/get-history', {
          run_uuid: id,
          run_id: id,
          metric_key: 'curve',
          max_results: 750,
          page_token: token,
        }),
      );
      seen += page.metrics.length;
      token = page.next_page_token;
    } while (token);
    expect(seen).toBe(2000);
  });
});

describe('artifacts/list (tracking-side listing the UI uses)', () => {
  it('lists run-relative paths under root_uri; {} files omitted when empty; unsafe paths refused', async () => {
    const id = ids.sgd!;
    const root = `${exp}/${id}/artifacts`;
    ok(await h.mlflow.putArtifact(`${root}/model/MLmodel`, 'flavors: {}\n', 'application/x-yaml'));
    ok(await h.mlflow.putArtifact(`${root}/notes.txt`, 'hello'));
    const top = ok<{ root_uri: string; files: MlFileInfo[] }>(
      await h.mlflow.get('artifacts/list', { run_uuid: id, run_id: id }),
    );
    expect(top.root_uri).toBe(`mlflow-artifacts:/${root}`);
    expect(top.files).toEqual(
      expect.arrayContaining([
        { path: 'model', is_dir: true },
        { path: 'notes.txt', is_dir: false, file_size: 5 },
      ]),
    );
    expect(top.files).toHaveLength(2);
    const sub = ok<{ files: MlFileInfo[] }>(
      await h.mlflow.get('artifacts/list', { run_id: id, path: 'model' }),
    );
    expect(sub.files).toEqual([{ path: 'model/MLmodel', is_dir: false, file_size: 12 }]);
    const empty = ok(await h.mlflow.get('artifacts/list', { run_id: ids['adam-big'] }));
    expect(empty).toEqual({ root_uri: `mlflow-artifacts:/${exp}/${ids['adam-big']}/artifacts` });
    mlflowError(
      await h.mlflow.get('artifacts/list', { run_id: id, path: '../other' }),
      400,
      'INVALID_PARAMETER_VALUE',
    );
  });
});
