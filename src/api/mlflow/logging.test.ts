import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  mlflowError,
  ok,
  openMlflowHarness,
  setExperiment,
  startRun,
  tagRecord,
  type MlflowHarness,
  type MlMetric,
  type MlRun,
} from '../../testing/mlflow-wire.js';

let h: MlflowHarness;
let id: string;
beforeEach(async () => {
  h = await openMlflowHarness();
  const exp = (await setExperiment(h.mlflow, 'logging')).experiment_id;
  id = (await startRun(h.mlflow, exp, 'r')).info.run_id;
});
afterEach(() => h.dispose());

const getRun = async () =>
  ok<{ run: MlRun }>(await h.mlflow.get('runs/get', { run_uuid: id, run_id: id })).run;
const history = async (key: string) =>
  ok<{ metrics?: MlMetric[] }>(
    await h.mlflow.get('metrics/get-history', {
      run_uuid: id,
      run_id: id,
      metric_key: key,
      max_results: 25000,
    }),
  ).metrics ?? [];
const T = 1_700_000_000_123;

describe('runs/log-metric (mlflow.log_metric)', () => {
  it('logs the client body; the run shows the latest value with int64 numbers', async () => {
    const log = (value: number | string, step: number, timestamp = T) =>
      h.mlflow.post('runs/log-metric', {
        run_uuid: id,
        run_id: id,
        key: 'loss',
        value,
        timestamp,
        step,
      });
    expect(ok(await log(0.5, 0))).toEqual({});
    ok(await log(0.25, 1));
    ok(await log('0.125', 2)); // a numeric string, as ParseDict accepts
    ok(await log(0.9, 1, T + 10)); // an older step does not become the latest
    expect((await getRun()).data.metrics).toEqual([
      { key: 'loss', value: 0.125, timestamp: T, step: 2 },
    ]);
    expect(await history('loss')).toHaveLength(4);
  });

  it('takes NaN and ±Infinity as the strings the client sends, and writes them back as strings', async () => {
    for (const [key, value] of [
      ['nan', 'NaN'],
      ['inf', 'Infinity'],
      ['ninf', '-Infinity'],
    ] as const) {
      ok(
        await h.mlflow.post('runs/log-metric', {
          run_uuid: id,
          run_id: id,
          key,
          value,
          timestamp: T,
          step: 0,
        }),
      );
      expect(await history(key)).toEqual([{ key, value, timestamp: T, step: 0 }]);
    }
  });

  it('takes bare NaN / Infinity tokens in the raw body (Python json)', async () => {
    const body = `{"run_id": "${id}", "key": "m", "value": NaN, "timestamp": ${T}, "step": 0}`;
    ok(await h.mlflow.raw('POST', 'runs/log-metric', body));
    ok(
      await h.mlflow.raw(
        'POST',
        'runs/log-metric',
        body.replace('NaN', '-Infinity').replace('"step": 0', '"step": 1'),
      ),
    );
    expect((await history('m')).map((m) => m.value)).toEqual(['NaN', '-Infinity']);
  });

  it('ignores 3.x fields (model_id, dataset_name, dataset_digest) and unknown ones', async () => {
    ok(
      await h.mlflow.post('runs/log-metric', {
        run_id: id,
        key: 'acc',
        value: 0.9,
        timestamp: T,
        step: 3,
        model_id: 'm-0123',
        dataset_name: 'train',
        dataset_digest: 'abc',
        something_new: { nested: true },
      }),
    );
    expect(await history('acc')).toEqual([{ key: 'acc', value: 0.9, timestamp: T, step: 3 }]);
  });

  it('validates like MLflow: required value/timestamp, key rules, a deleted run', async () => {
    const post = (body: object) => h.mlflow.post('runs/log-metric', { run_id: id, ...body });
    mlflowError(await post({ key: 'a', timestamp: T }), 400, 'INVALID_PARAMETER_VALUE', /'value'/);
    mlflowError(await post({ key: 'a', value: 1 }), 400, 'INVALID_PARAMETER_VALUE', /'timestamp'/);
    mlflowError(await post({ value: 1, timestamp: T }), 400, 'INVALID_PARAMETER_VALUE', /'key'/);
    mlflowError(
      await post({ key: 'bad*name', value: 1, timestamp: T }),
      400,
      'INVALID_PARAMETER_VALUE',
    );
    mlflowError(
      await post({ key: '../up', value: 1, timestamp: T }),
      400,
      'INVALID_PARAMETER_VALUE',
    );
    mlflowError(
      await post({ key: 'a', value: 'abc', timestamp: T }),
      400,
      'INVALID_PARAMETER_VALUE',
    );
    ok(await h.mlflow.post('runs/delete', { run_id: id }));
    mlflowError(await post({ key: 'a', value: 1, timestamp: T }), 400, 'INVALID_PARAMETER_VALUE');
  });
});

describe('runs/log-parameter (mlflow.log_param)', () => {
  it('logs string values, is idempotent, and refuses a changed value', async () => {
    const log = (key: string, value: string) =>
      h.mlflow.post('runs/log-parameter', { run_uuid: id, run_id: id, key, value });
    expect(ok(await log('lr', '0.1'))).toEqual({});
    ok(await log('lr', '0.1'));
    ok(await log('flag', 'True'));
    ok(await log('empty', ''));
    expect(tagRecord((await getRun()).data.params)).toEqual({ lr: '0.1', flag: 'True', empty: '' });
    mlflowError(await log('lr', '0.2'), 400, 'INVALID_PARAMETER_VALUE', /lr[\s\S]*0\.1[\s\S]*0\.2/);
    ok(await log('long', 'x'.repeat(6000)));
    mlflowError(await log('longer', 'x'.repeat(6001)), 400, 'INVALID_PARAMETER_VALUE');
  });
});

describe('runs/log-batch (log_params / log_metrics / set_tags)', () => {
  it('logs metrics, params and tags; NaN/Infinity as strings; empty lists omitted', async () => {
    ok(
      await h.mlflow.post('runs/log-batch', {
        run_id: id,
        metrics: [
          { key: 'loss', value: 0.5, timestamp: T, step: 0 },
          { key: 'loss', value: 'NaN', timestamp: T, step: 1 },
          { key: 'big', value: 'Infinity', timestamp: T, step: 0 },
          { key: 'small', value: '-Infinity', timestamp: T, step: 0 },
        ],
        params: [{ key: 'lr', value: '0.1' }],
        tags: [
          { key: 'team', value: 'a' },
          { key: 'team', value: 'b' },
        ], // last write wins
      }),
    );
    ok(
      await h.mlflow.post('runs/log-batch', { run_id: id, params: [{ key: 'depth', value: '3' }] }),
    );
    const run = await getRun();
    expect(Object.fromEntries(run.data.metrics!.map((m) => [m.key, m.value]))).toEqual({
      loss: 'NaN',
      big: 'Infinity',
      small: '-Infinity',
    });
    expect(tagRecord(run.data.params)).toEqual({ lr: '0.1', depth: '3' });
    expect(tagRecord(run.data.tags).team).toBe('b');
    expect(await history('loss')).toEqual([
      { key: 'loss', value: 0.5, timestamp: T, step: 0 },
      { key: 'loss', value: 'NaN', timestamp: T, step: 1 },
    ]);
  });

  it('takes bare NaN / Infinity / -Infinity tokens in the raw body', async () => {
    const body = `{"run_id": "${id}", "metrics": [{"key": "a", "value": NaN, "timestamp": ${T}, "step": 0}, {"key": "b", "value": Infinity, "timestamp": ${T}, "step": 0}, {"key": "c", "value": -Infinity, "timestamp": ${T}, "step": 0}], "tags": [{"key": "note", "value": "NaN and Infinity stay text"}]}`;
    expect(ok(await h.mlflow.raw('POST', 'runs/log-batch', body))).toEqual({});
    const run = await getRun();
    expect(Object.fromEntries(run.data.metrics!.map((m) => [m.key, m.value]))).toEqual({
      a: 'NaN',
      b: 'Infinity',
      c: '-Infinity',
    });
    expect(tagRecord(run.data.tags).note).toBe('NaN and Infinity stay text');
  });

  it("enforces MLflow's per-request limits with MLflow's messages", async () => {
    const metric = (i: number) => ({ key: `m${i}`, value: i, timestamp: T, step: 0 });
    const kv = (p: string) => (i: number) => ({ key: `${p}${i}`, value: 'v' });
    const batch = (body: object) => h.mlflow.post('runs/log-batch', { run_id: id, ...body });
    const range = (n: number) => Array.from({ length: n }, (_, i) => i);
    const split = (n: number, what: string) =>
      `A batch logging request can contain at most ${n} ${what}. Got ${n + 1} ${what}. Please split up ${what} across multiple requests and try again.`;
    mlflowError(
      await batch({ metrics: range(1001).map(metric) }),
      400,
      'INVALID_PARAMETER_VALUE',
      split(1000, 'metrics'),
    );
    mlflowError(
      await batch({ params: range(101).map(kv('p')) }),
      400,
      'INVALID_PARAMETER_VALUE',
      split(100, 'params'),
    );
    mlflowError(
      await batch({ tags: range(101).map(kv('t')) }),
      400,
      'INVALID_PARAMETER_VALUE',
      split(100, 'tags'),
    );
    mlflowError(
      await batch({ metrics: range(901).map(metric), params: range(100).map(kv('p')) }),
      400,
      'INVALID_PARAMETER_VALUE',
      split(1000, 'metrics, params, and tags'),
    );
    // Exactly at the limits is fine (the client's chunks are this size).
    ok(
      await batch({
        metrics: range(800).map(metric),
        params: range(100).map(kv('p')),
        tags: range(100).map(kv('t')),
      }),
    );
    mlflowError(
      await batch({
        params: [
          { key: 'a', value: '1' },
          { key: 'a', value: '2' },
        ],
      }),
      400,
      'INVALID_PARAMETER_VALUE',
      "Duplicate parameter keys have been submitted: ['a']. Please ensure the request contains only one param value per param key.",
    );
    mlflowError(
      await batch({ params: [{ key: 'p0', value: 'changed' }] }),
      400,
      'INVALID_PARAMETER_VALUE',
      /p0/,
    );
    mlflowError(
      await batch({ metrics: [{ key: 'x', value: 1 }] }),
      400,
      'INVALID_PARAMETER_VALUE',
      /'timestamp'/,
    );
    mlflowError(
      await h.mlflow.post('runs/log-batch', { metrics: [metric(1)] }),
      400,
      'INVALID_PARAMETER_VALUE',
      /'run_id'/,
    );
  });
});

describe('runs/log-inputs (mlflow.log_input) and runs/log-model', () => {
  it('records dataset inputs; runs/get returns them under inputs.dataset_inputs', async () => {
    const dataset = {
      name: 'penguins',
      digest: 'd1a2b3c4',
      source_type: 'local',
      source: '{"uri": "/data/penguins.csv"}',
      schema: '{"mlflow_colspec": []}',
      profile: '{"num_rows": 344}',
    };
    const tags = [{ key: 'mlflow.data.context', value: 'training' }];
    expect(
      ok(await h.mlflow.post('runs/log-inputs', { run_id: id, datasets: [{ tags, dataset }] })),
    ).toEqual({});
    expect((await getRun()).inputs).toEqual({ dataset_inputs: [{ tags, dataset }] });
    mlflowError(
      await h.mlflow.post('runs/log-inputs', { run_id: id, datasets: [{ tags }] }),
      400,
      'INVALID_PARAMETER_VALUE',
      /'dataset'/,
    );
  });

  it('appends the MLmodel JSON to the mlflow.log-model.history tag', async () => {
    const model = (flavor: string) => ({
      artifact_path: 'model',
      flavors: { [flavor]: {} },
      run_id: id,
      utc_time_created: '2024-01-01 00:00:00.000000',
    });
    expect(
      ok(
        await h.mlflow.post('runs/log-model', {
          run_id: id,
          model_json: JSON.stringify(model('onnx')),
        }),
      ),
    ).toEqual({});
    ok(
      await h.mlflow.post('runs/log-model', {
        run_id: id,
        model_json: JSON.stringify(model('python_function')),
      }),
    );
    const historyTag = tagRecord((await getRun()).data.tags)['mlflow.log-model.history']!;
    expect(JSON.parse(historyTag)).toEqual([model('onnx'), model('python_function')]);
    // A 4xx (not a retried 5xx): the client only warns on log-model failures.
    mlflowError(
      await h.mlflow.post('runs/log-model', { run_id: id, model_json: '{not json' }),
      400,
      'INVALID_PARAMETER_VALUE',
    );
  });
});
