import { encodeOnnxModel, onnx, type OnnxTypes } from '../onnx/index.js';

const FLOAT = 1;

function tensor(name: string, dims: (number | string)[]): OnnxTypes.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: FLOAT,
        shape: {
          dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })),
        },
      },
    },
  };
}

/**
 * A real, minimal ONNX model built in code: y = x + b with x [batch, 3] and a 3-float
 * initializer b. `opType` lets a test build one onnxruntime refuses.
 */
export function tinyAddModel(
  options: {
    opType?: string;
    metadata?: Record<string, string>;
    /** Store b in this external file instead of inside the model. */
    externalData?: string;
  } = {},
): Uint8Array {
  return encodeOnnxModel({
    irVersion: 8,
    producerName: 'gyre-tests',
    producerVersion: '1',
    opsetImport: [{ domain: '', version: 13 }],
    metadataProps: Object.entries(options.metadata ?? {}).map(([key, value]) => ({ key, value })),
    graph: {
      name: 'tiny-add',
      node: [{ opType: options.opType ?? 'Add', input: ['x', 'b'], output: ['y'], name: 'add' }],
      initializer: [
        options.externalData === undefined
          ? { name: 'b', dims: [3], dataType: FLOAT, floatData: [1, 2, 3] }
          : {
              name: 'b',
              dims: [3],
              dataType: FLOAT,
              dataLocation: 1,
              externalData: [
                { key: 'location', value: options.externalData },
                { key: 'length', value: '12' },
              ],
            },
      ],
      input: [tensor('x', ['batch', 3])],
      output: [tensor('y', ['batch', 3])],
    },
  } satisfies OnnxTypes.IModelProto);
}

export { onnx };
