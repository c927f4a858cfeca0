import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { GyreError } from '../../core/errors/index.js';
import { encodeOnnxModel, type OnnxTypes } from '../../onnx/index.js';
import { expectGyreError } from '../../testing/expect-gyre-error.js';
import { paddleModels } from '../../testing/paddle-models.js';
import { tinyAddModel } from '../../testing/tiny-onnx.js';
import { readVegaTable } from '../../testing/vega-data.js';
import { executeTraining, planTraining, trainerVersion } from '../../train/index.js';
import {
  loadModel,
  type LoadedModel,
  type LoadModelOptions,
  type Tensor,
} from '../runtime/index.js';
import type { BatchRun, QueueRejection } from './index.js';

const opened: LoadedModel[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((model) => model.close()));
});

/** A loaded model whose listener records what the batcher did. */
async function load(source: string | Uint8Array, options: LoadModelOptions = {}) {
  const seen = {
    runs: [] as BatchRun[],
    rejected: [] as QueueRejection[],
    disabled: [] as string[],
  };
  const model = await loadModel(source, {
    ...options,
    listener: {
      run: (_, run) => seen.runs.push(run),
      rejected: (_, reason) => seen.rejected.push(reason),
      batchingDisabled: (_, reason) => seen.disabled.push(reason),
    },
  });
  opened.push(model);
  return { model, seen };
}

/** Bit-for-bit equality of two results, strings included. */
function expectIdentical(actual: Record<string, Tensor>, expected: Record<string, Tensor>) {
  expect(Object.keys(actual)).toEqual(Object.keys(expected));
  for (const [name, tensor] of Object.entries(expected)) {
    const got = actual[name]!;
    expect(got.datatype).toBe(tensor.datatype);
    expect(got.shape).toEqual(tensor.shape);
    if (Array.isArray(tensor.data)) expect(got.data).toEqual(tensor.data);
    else {
      const bytes = (t: Tensor) => {
        const view = t.data as Float32Array;
        return Buffer.from(view.buffer, view.byteOffset, view.byteLength);
      };
      expect(bytes(got).equals(bytes(tensor)), `output ${name}`).toBe(true);
    }
  }
}

const fp32 = (shape: number[], values: number[]): Tensor => ({
  datatype: 'FP32',
  shape,
  data: Float32Array.from(values),
});

function clsInput(rows: number, seed: number, size = [48, 192]): Record<string, Tensor> {
  const data = Float32Array.from({ length: rows * 3 * size[0]! * size[1]! }, (_, i) =>
    Math.sin(i * 0.001 * seed + seed),
  );
  return { x: { datatype: 'FP32', shape: [rows, 3, ...size], data } };
}

describe('batched results are bit-for-bit the unbatched ones', () => {
  let seattleMlp: Uint8Array;
  beforeAll(async () => {
    const plan = planTraining(await readVegaTable('seattle-weather.csv'), {
      target: 'weather',
      model: 'mlp',
      params: { hidden_layers: '16', max_epochs: 15 },
      cv: 0,
    });
    seattleMlp = executeTraining(plan).model.exportOnnx({ trainer: trainerVersion });
  });

  /** Seattle-like rows: date parts, precipitation, temperatures, wind. */
  function weatherInput(rows: number, seed: number): Record<string, Tensor> {
    const column = (scale: number, offset: number): Tensor => ({
      datatype: 'FP64',
      shape: [rows, 1],
      data: Float64Array.from({ length: rows }, (_, r) =>
        Math.round(offset + scale * Math.abs(Math.sin(seed * 7 + r * 3.1))),
      ),
    });
    return {
      'date.year': column(3, 2012),
      'date.month': column(11, 1),
      'date.day': column(27, 1),
      'date.weekday': column(6, 0),
      precipitation: column(30, 0),
      temp_max: column(30, -2),
      temp_min: column(20, -5),
      wind: column(8, 0),
    };
  }

  it('for the tabular MLP, concurrent requests of 1 to 9 rows', async () => {
    const rows = [1, 3, 5, 2, 7, 4, 1, 9];
    const requests = rows.map((count, i) => weatherInput(count, i + 1));
    const { model: alone } = await load(seattleMlp, { batching: { enabled: false } });
    const expected: Record<string, Tensor>[] = [];
    for (const request of requests) expected.push(await alone.infer(request));

    const { model, seen } = await load(seattleMlp);
    expect(model.batching).toMatchObject({ active: true, maxBatchSize: 32, maxQueueDelayUs: 0 });
    const answers = await Promise.all(requests.map((request) => model.infer(request)));
    answers.forEach((answer, i) => expectIdentical(answer, expected[i]!));
    expect(answers[4]!.label!.shape).toEqual([7]);
    // The first request found the model idle and ran at once; the rest queued behind it.
    expect(seen.runs.map(({ requests, rows, batched }) => ({ requests, rows, batched }))).toEqual([
      { requests: 1, rows: 1, batched: false },
      { requests: 7, rows: 31, batched: true },
    ]);
  });

  it('for the PaddleOCR classifier; a request of another image size runs on its own', async () => {
    const requests = [
      clsInput(1, 1),
      clsInput(2, 2),
      clsInput(1, 3, [32, 100]),
      clsInput(3, 4),
      clsInput(2, 5),
    ];
    const { model: alone } = await load(paddleModels.cls, { batching: { enabled: false } });
    const expected: Record<string, Tensor>[] = [];
    for (const request of requests) expected.push(await alone.infer(request));

    const { model, seen } = await load(paddleModels.cls);
    const answers = await Promise.all(requests.map((request) => model.infer(request)));
    answers.forEach((answer, i) => expectIdentical(answer, expected[i]!));
    expect(seen.runs.map(({ requests, rows, batched }) => ({ requests, rows, batched }))).toEqual([
      { requests: 1, rows: 1, batched: false },
      { requests: 3, rows: 7, batched: true },
      { requests: 1, rows: 1, batched: false },
    ]);
  });

  it('forms a preferred batch size at once instead of waiting out the delay', async () => {
    const { model, seen } = await load(tinyAddModel(), {
      batching: { maxQueueDelayUs: 60_000_000, preferredBatchSizes: [4] },
    });
    const answers = await Promise.all(
      [1, 2, 1].map((rows, i) =>
        model.infer({ x: fp32([rows, 3], new Array<number>(rows * 3).fill(i)) }),
      ),
    );
    expect(answers.map((answer) => Array.from(answer.y!.data as Float32Array))).toEqual([
      [1, 2, 3],
      [2, 3, 4, 2, 3, 4],
      [3, 4, 5],
    ]);
    expect(seen.runs).toMatchObject([{ requests: 3, rows: 4, batched: true }]);
  });
});

describe('the queue', () => {
  it('refuses requests beyond maxQueueSize at once, with a retry hint, and stays bounded', async () => {
    const { model, seen } = await load(tinyAddModel(), {
      batching: { enabled: false, maxQueueSize: 2 },
    });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, () => model.infer({ x: fp32([1, 3], [0, 0, 0]) })),
    );
    // One running, two queued; the other 47 refused without waiting.
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(3);
    const refused = outcomes.filter((o) => o.status === 'rejected');
    expect(refused).toHaveLength(47);
    const error = (refused[0] as PromiseRejectedResult).reason as GyreError;
    expect(error.code).toBe('TEMPORARILY_UNAVAILABLE');
    expect(error.status).toBe(503);
    expect(error.details).toMatchObject({ reason: 'queue_full', max_queue_size: 2 });
    expect(error.details!.retry_after_seconds).toBeGreaterThanOrEqual(1);
    expect(seen.rejected).toEqual(Array(47).fill('queue_full'));
    expect(model.queueDepth).toBe(0);
  });

  it('refuses a request still queued after its timeout', async () => {
    const { model, seen } = await load(tinyAddModel(), {
      batching: { maxQueueDelayUs: 60_000_000, timeoutMs: 50 },
    });
    const error = await expectGyreError(
      model.infer({ x: fp32([1, 3], [0, 0, 0]) }),
      'TEMPORARILY_UNAVAILABLE',
      /within 50 ms/,
    );
    expect(error.details).toMatchObject({ reason: 'timeout', timeout_ms: 50 });
    await expectGyreError(
      model.infer({ x: fp32([1, 3], [0, 0, 0]) }, { timeoutMs: 5 }),
      'TEMPORARILY_UNAVAILABLE',
      /within 5 ms/,
    );
    expect(seen.rejected).toEqual(['timeout', 'timeout']);
    expect(seen.runs).toEqual([]);
    expect(model.queueDepth).toBe(0);
  });

  it('drops a queued request whose caller aborts', async () => {
    const { model, seen } = await load(tinyAddModel(), {
      batching: { maxQueueDelayUs: 60_000_000 },
    });
    const controller = new AbortController();
    const answer = model.infer({ x: fp32([1, 3], [0, 0, 0]) }, { signal: controller.signal });
    controller.abort(new Error('client went away'));
    await expect(answer).rejects.toThrow('client went away');
    expect(seen.rejected).toEqual(['aborted']);
    expect(model.queueDepth).toBe(0);
  });

  it('close runs queued requests at once, without waiting out the delay', async () => {
    const { model, seen } = await load(tinyAddModel(), {
      batching: { maxQueueDelayUs: 60_000_000 },
    });
    const answers = [1, 2].map((value) => model.infer({ x: fp32([1, 3], [value, value, value]) }));
    await model.close();
    expect((await Promise.all(answers)).map((a) => Array.from(a.y!.data as Float32Array))).toEqual([
      [2, 3, 4],
      [3, 4, 5],
    ]);
    expect(seen.runs).toMatchObject([{ requests: 2, rows: 2, batched: true }]);
  });
});

/** x [batch] int64 indices into a 3×2 table: an index past 2 fails the run. */
function gatherModel(): Uint8Array {
  return tinyGraph({
    node: [{ opType: 'Gather', input: ['table', 'x'], output: ['y'], attribute: [axis(0)] }],
    initializer: [{ name: 'table', dims: [3, 2], dataType: 1, floatData: [0, 1, 10, 11, 20, 21] }],
    input: [valueInfo('x', 7, ['batch'])],
    output: [valueInfo('y', 1, ['batch', 2])],
  });
}

/** y = the column sums of x, declared [rows, 3]: its first dimension is not the batch. */
function columnSumModel(): Uint8Array {
  return tinyGraph({
    node: [{ opType: 'ReduceSum', input: ['x', 'axes'], output: ['y'] }],
    initializer: [{ name: 'axes', dims: [1], dataType: 7, int64Data: [0] }],
    input: [valueInfo('x', 1, ['batch', 3])],
    output: [valueInfo('y', 1, ['rows', 3])],
  });
}

describe('requests that cannot share a run after all', () => {
  it('a run failed by one request is retried one by one, so only that request fails', async () => {
    const { model, seen } = await load(gatherModel(), {
      batching: { maxBatchSize: 3, maxQueueDelayUs: 60_000_000 },
    });
    const index = (value: bigint): Record<string, Tensor> => ({
      x: { datatype: 'INT64', shape: [1], data: BigInt64Array.of(value) },
    });
    const [good, bad, alsoGood] = await Promise.allSettled([
      model.infer(index(1n)),
      model.infer(index(7n)),
      model.infer(index(2n)),
    ]);
    expect(good).toMatchObject({ status: 'fulfilled', value: { y: { shape: [1, 2] } } });
    expect(
      Array.from(
        (good as PromiseFulfilledResult<Record<string, Tensor>>).value.y!.data as Float32Array,
      ),
    ).toEqual([10, 11]);
    expect(alsoGood).toMatchObject({ status: 'fulfilled' });
    expect(bad).toMatchObject({ status: 'rejected', reason: { code: 'INVALID_PARAMETER_VALUE' } });
    expect(seen.runs.map((run) => run.batched)).toEqual([true, false, false, false]);
    expect(model.batching.active).toBe(true);
  });

  it('outputs that do not follow the batch turn batching off for the model', async () => {
    const { model, seen } = await load(columnSumModel(), {
      batching: { maxBatchSize: 2, maxQueueDelayUs: 60_000_000 },
    });
    const answers = await Promise.all([
      model.infer({ x: fp32([1, 3], [1, 2, 3]) }),
      model.infer({ x: fp32([1, 3], [10, 20, 30]) }),
    ]);
    expect(answers.map((a) => Array.from(a.y!.data as Float32Array))).toEqual([
      [1, 2, 3],
      [10, 20, 30],
    ]);
    expect(seen.disabled).toEqual(["output 'y' has 1 rows for a batch of 2"]);
    expect(model.batching).toMatchObject({ active: false, reason: seen.disabled[0] });
    // From now on requests run one by one, without waiting for company.
    await model.infer({ x: fp32([2, 3], [1, 1, 1, 1, 1, 1]) });
    expect(seen.runs.map((run) => run.batched)).toEqual([true, false, false, false]);
  });

  it('a model without an open first dimension is never batched', async () => {
    const fixed = tinyGraph({
      node: [{ opType: 'Relu', input: ['x'], output: ['y'] }],
      input: [valueInfo('x', 1, [2, 3])],
      output: [valueInfo('y', 1, [2, 3])],
    });
    const { model } = await load(fixed);
    expect(model.batching).toMatchObject({
      active: false,
      reason: "input 'x' has no open first dimension",
    });
  });
});

function tinyGraph(graph: OnnxTypes.IGraphProto): Uint8Array {
  return encodeOnnxModel({
    irVersion: 8,
    producerName: 'gyre-tests',
    opsetImport: [{ domain: '', version: 13 }],
    graph: { name: 'test', ...graph },
  });
}

function valueInfo(name: string, elemType: number, dims: (number | string)[]) {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: {
          dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })),
        },
      },
    },
  };
}

function axis(value: number): OnnxTypes.IAttributeProto {
  return { name: 'axis', type: 2, i: value };
}
