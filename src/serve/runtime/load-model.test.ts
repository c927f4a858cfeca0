import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectGyreError } from '../../testing/expect-gyre-error.js';
import { paddleModels } from '../../testing/paddle-models.js';
import { writeModelFile } from '../../testing/registry-fixtures.js';
import { openTempGyre } from '../../testing/temp-gyre.js';
import { tinyAddModel } from '../../testing/tiny-onnx.js';
import { readVegaTable, referenceFeatures } from '../../testing/vega-data.js';
import { executeTraining, planTraining, trainerVersion } from '../../train/index.js';
import { loadModel, type LoadedModel, type Tensor } from './index.js';

const opened: LoadedModel[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((model) => model.close()));
});

async function load(...args: Parameters<typeof loadModel>): Promise<LoadedModel> {
  const model = await loadModel(...args);
  opened.push(model);
  return model;
}

const fp32 = (shape: number[], values: number[]): Tensor => ({
  datatype: 'FP32',
  shape,
  data: Float32Array.from(values),
});

/** An image-like batch for the PaddleOCR classifier: deterministic, not constant. */
function clsInput(rows: number, seed = 1): Record<string, Tensor> {
  const data = Float32Array.from({ length: rows * 3 * 48 * 192 }, (_, i) => Math.sin(i * seed));
  return { x: { datatype: 'FP32', shape: [rows, 3, 48, 192], data } };
}

describe('loadModel from a file path', () => {
  it('reads the signature, warms up on zeros with open dimensions as 1, and predicts', async () => {
    const model = await load(paddleModels.cls);
    expect(model.name).toBe('ch_ppocr_mobile_v2.0_cls_infer');
    expect(model.uri).toBe(paddleModels.cls);
    expect(model.version).toBeUndefined();
    expect(model.inputs).toEqual([{ name: 'x', datatype: 'FP32', shape: [-1, 3, -1, -1] }]);
    expect(model.outputs).toEqual([{ name: 'softmax_0.tmp_0', datatype: 'FP32', shape: [-1, 2] }]);
    expect(model.warmUp).toMatchObject({ ran: true, shapes: { x: [1, 3, 1, 1] } });
    expect(model.warmUp.ran && model.warmUp.seconds).toBeGreaterThan(0);

    const { 'softmax_0.tmp_0': probabilities } = await model.infer(clsInput(2));
    expect(probabilities!.shape).toEqual([2, 2]);
    const values = Array.from(probabilities!.data as Float32Array);
    expect(values[0]! + values[1]!).toBeCloseTo(1, 5);
  });

  it('warms up with given shapes, or not at all', async () => {
    const shaped = await load(paddleModels.cls, { warmUp: { x: [2, 3, 48, 192] } });
    expect(shaped.warmUp).toMatchObject({ ran: true, shapes: { x: [2, 3, 48, 192] } });
    const none = await load(paddleModels.cls, { warmUp: false });
    expect(none.warmUp).toEqual({ ran: false, reason: 'turned off' });
    await expectGyreError(
      loadModel(paddleModels.cls, { warmUp: { y: [1] } }),
      'INVALID_PARAMETER_VALUE',
      /warmUp names 'y'/,
    );
  });

  it('takes bytes directly and computes y = x + b', async () => {
    const model = await load(tinyAddModel(), { name: 'tiny', intraOpThreads: 2 });
    expect(model.name).toBe('tiny');
    const { y } = await model.infer({ x: fp32([2, 3], [0, 0, 0, 10, 20, 30]) });
    expect(y).toEqual({
      datatype: 'FP32',
      shape: [2, 3],
      data: Float32Array.of(1, 2, 3, 11, 22, 33),
    });
  });

  it('refuses a missing file, a models:/ URI without a registry, and bad thread counts', async () => {
    await expectGyreError(loadModel('/nowhere/model.onnx'), 'RESOURCE_DOES_NOT_EXIST');
    await expectGyreError(loadModel('models:/fraud/1'), 'INVALID_PARAMETER_VALUE', /registry/);
    await expectGyreError(
      loadModel(tinyAddModel(), { intraOpThreads: 0 }),
      'INVALID_PARAMETER_VALUE',
      /intraOpThreads/,
    );
    await expectGyreError(
      loadModel(tinyAddModel(), { batching: { maxBatchSize: 0 } }),
      'INVALID_PARAMETER_VALUE',
      /maxBatchSize/,
    );
  });
});

describe('loadModel from the registry', () => {
  it('loads models:/name/N and models:/name@alias with the version they resolve to', async () => {
    const gyre = await openTempGyre();
    try {
      const file = writeModelFile(
        join(gyre.config.home, 'in'),
        'cls.onnx',
        readFileSync(paddleModels.cls),
      );
      await gyre.registry.versions.register({ name: 'ocr-cls', source: { uri: file } });
      await gyre.registry.versions.register({
        name: 'ocr-cls',
        source: { upload: Readable.from([tinyAddModel()]) },
        aliases: ['champion'],
      });

      const first = await load('models:/ocr-cls/1', { registry: gyre.registry });
      expect(first.name).toBe('ocr-cls');
      expect(first.version).toMatchObject({ name: 'ocr-cls', version: 1 });
      expect(first.inputs.map((input) => input.name)).toEqual(['x']);
      expect(first.warmUp.ran).toBe(true);

      const champion = await load('models:/ocr-cls@champion', { registry: gyre.registry.versions });
      expect(champion.version).toMatchObject({ version: 2, aliases: ['champion'] });
      const { y } = await champion.infer({ x: fp32([1, 3], [1, 1, 1]) });
      expect(Array.from(y!.data as Float32Array)).toEqual([2, 3, 4]);

      await expectGyreError(
        loadModel('models:/ocr-cls@nobody', { registry: gyre.registry }),
        'RESOURCE_DOES_NOT_EXIST',
      );
    } finally {
      await Promise.all(opened.splice(0).map((model) => model.close()));
      await gyre.dispose();
    }
  });
});

describe('a tabular model trained by Gyre', () => {
  let carsModel: Uint8Array;
  beforeAll(async () => {
    const plan = planTraining(await readVegaTable('cars.json'), {
      target: 'Miles_per_Gallon',
      model: 'mlp',
      features: referenceFeatures.cars,
      params: { hidden_layers: '8', max_epochs: 5 },
      cv: 0,
    });
    carsModel = executeTraining(plan).model.exportOnnx({ trainer: trainerVersion });
  });

  it('warms up string inputs with empty strings and reads the feature schema', async () => {
    const model = await load(carsModel);
    expect(model.inputs.find((input) => input.name === 'Origin')).toEqual({
      name: 'Origin',
      datatype: 'BYTES',
      shape: [-1, 1],
    });
    expect(model.warmUp).toMatchObject({ ran: true });
    expect(model.featureSchema?.map((feature) => feature.name)).toEqual(referenceFeatures.cars);
    const numbers = (value: number): Tensor => ({
      datatype: 'FP64',
      shape: [2, 1],
      data: Float64Array.of(value, value),
    });
    const { prediction } = await model.infer({
      Cylinders: numbers(4),
      Displacement: numbers(120),
      Horsepower: numbers(90),
      Weight_in_lbs: numbers(2500),
      Acceleration: numbers(15),
      Origin: { datatype: 'BYTES', shape: [2, 1], data: ['Japan', 'USA'] },
    });
    expect(prediction!.shape).toEqual([2, 1]);
    expect(Array.from(prediction!.data as Float32Array).every(Number.isFinite)).toBe(true);
  });
});

describe('infer', () => {
  it('refuses inputs that do not fit the signature, naming the input', async () => {
    const model = await load(tinyAddModel());
    const cases: [Record<string, Tensor>, RegExp][] = [
      [{}, /input 'x' is missing/],
      [{ x: fp32([1, 3], [1, 2, 3]), z: fp32([1], [1]) }, /no input 'z'/],
      [{ x: { datatype: 'FP64', shape: [1, 3], data: Float64Array.of(1, 2, 3) } }, /must be FP32/],
      [{ x: fp32([3], [1, 2, 3]) }, /must have shape \[\?,3\], got \[3\]/],
      [{ x: fp32([1, 4], [1, 2, 3, 4]) }, /must have shape \[\?,3\]/],
      [{ x: fp32([2, 3], [1, 2, 3]) }, /has 3 values but shape \[2,3\] holds 6/],
      [
        {
          x: {
            datatype: 'FP32',
            shape: [1, 3],
            data: Float64Array.of(1, 2, 3),
          } as unknown as Tensor,
        },
        /data must be a Float32Array/,
      ],
    ];
    for (const [inputs, message] of cases)
      await expectGyreError(model.infer(inputs), 'INVALID_PARAMETER_VALUE', message);
  });

  it('close lets running and queued requests finish, then refuses new ones', async () => {
    const model = await load(paddleModels.cls, { batching: { enabled: false } });
    const running = [model.infer(clsInput(8)), model.infer(clsInput(1)), model.infer(clsInput(2))];
    const closed = model.close();
    expect(model.closed).toBe(true);
    const answers = await Promise.all(running);
    expect(answers.map((answer) => answer['softmax_0.tmp_0']!.shape[0])).toEqual([8, 1, 2]);
    await closed;
    const error = await expectGyreError(model.infer(clsInput(1)), 'TEMPORARILY_UNAVAILABLE');
    expect(error.status).toBe(503);
    expect(error.details).toMatchObject({ reason: 'closed' });
  });
});
