import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectGyreError } from '../testing/expect-gyre-error.js';
import { paddleModels } from '../testing/paddle-models.js';
import { tinyAddModel } from '../testing/tiny-onnx.js';
import { checkLoadsInRuntime, inspectOnnxModel, parseOnnxModel } from './index.js';

describe('parse and inspect', () => {
  it('reads the PaddleOCR classifier: symbolic dims, opsets, producer, weights', () => {
    const info = inspectOnnxModel(parseOnnxModel(readFileSync(paddleModels.cls)));
    expect(info.signature.inputs).toEqual([
      {
        name: 'x',
        type: {
          kind: 'tensor',
          elementType: 'FLOAT',
          shape: ['p2o.DynamicDimension.0', 3, 'p2o.DynamicDimension.1', 'p2o.DynamicDimension.2'],
        },
      },
    ]);
    expect(info.signature.outputs).toHaveLength(1);
    expect(info.signature.outputs[0]!.type).toMatchObject({ kind: 'tensor', elementType: 'FLOAT' });
    expect(info.opsets).toEqual([{ domain: '', version: 9 }]);
    expect(info.irVersion).toBe(8);
    expect(info.nodeCount).toBeGreaterThan(50);
  });

  it.each([
    ['det', 'x'],
    ['rec', 'x'],
  ] as const)('reads the PaddleOCR %s model with its weights', (model, input) => {
    const bytes = readFileSync(paddleModels[model]);
    const info = inspectOnnxModel(parseOnnxModel(bytes));
    expect(info.signature.inputs.map((i) => i.name)).toEqual([input]);
    const shape = (info.signature.inputs[0]!.type as { shape: unknown[] }).shape;
    expect(shape).toHaveLength(4);
    expect(shape.filter((d) => typeof d === 'string').length).toBeGreaterThan(0);
    // Paddle2ONNX stores the weights as Constant nodes: they are nearly all of the file.
    expect(info.initializers).toEqual({ count: 0, bytes: 0 });
    expect(info.constants.count).toBeGreaterThan(100);
    expect(info.constants.bytes / bytes.byteLength).toBeGreaterThan(0.9);
    expect(info.constants.bytes).toBeLessThan(bytes.byteLength);
  });

  it('round-trips a model built in code, with metadata and initializer sizes', () => {
    const info = inspectOnnxModel(
      parseOnnxModel(tinyAddModel({ metadata: { 'gyre.classes': '["a","b"]' } })),
    );
    expect(info).toMatchObject({
      producerName: 'gyre-tests',
      graphName: 'tiny-add',
      metadata: { 'gyre.classes': '["a","b"]' },
      initializers: { count: 1, bytes: 12 },
      signature: {
        inputs: [
          { name: 'x', type: { kind: 'tensor', elementType: 'FLOAT', shape: ['batch', 3] } },
        ],
        outputs: [
          { name: 'y', type: { kind: 'tensor', elementType: 'FLOAT', shape: ['batch', 3] } },
        ],
      },
    });
  });
});

describe('rejections', () => {
  const cls = readFileSync(paddleModels.cls);

  it('names the byte where a truncated file stops parsing', () => {
    expect(() => parseOnnxModel(cls.subarray(0, 1000))).toThrow(
      /^not an ONNX model: protobuf parse failed at byte \d+/,
    );
  });

  it.each([
    ['an empty file', Buffer.alloc(0), /the file is empty/],
    [
      'text',
      Buffer.from('hello world, definitely not onnx\n'),
      /protobuf parse failed at byte \d+/,
    ],
    ['a PNG header', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), /not an ONNX model/],
    ['JSON', Buffer.from('{"graph": {"node": []}}'), /not an ONNX model/],
  ])('refuses %s with INVALID_PARAMETER_VALUE', async (_what, bytes, message) => {
    await expectGyreError(() => parseOnnxModel(bytes), 'INVALID_PARAMETER_VALUE', message);
  });
});

describe('runtime check', () => {
  it('accepts real models', async () => {
    await checkLoadsInRuntime(readFileSync(paddleModels.cls));
    await checkLoadsInRuntime(tinyAddModel());
  });

  it('refuses a well-formed file whose operator onnxruntime does not know', async () => {
    const bytes = tinyAddModel({ opType: 'NoSuchOperator' });
    expect(() => parseOnnxModel(bytes)).not.toThrow();
    await expectGyreError(
      checkLoadsInRuntime(bytes),
      'INVALID_PARAMETER_VALUE',
      /onnxruntime cannot load the model: .*NoSuchOperator/,
    );
  });
});
