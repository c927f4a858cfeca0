import { describe, expect, it } from 'vitest';
import type { Tensor } from '../runtime/index.js';
import { batchRows } from './batch-rows.js';
import { concatRows, splitRows } from './concat-rows.js';

describe('concatRows and splitRows', () => {
  it('stack along the first dimension and split back to equal tensors, for every storage', () => {
    const cases: Tensor[][] = [
      [
        { datatype: 'FP32', shape: [1, 2], data: Float32Array.of(1.5, -0) },
        { datatype: 'FP32', shape: [2, 2], data: Float32Array.of(NaN, 3, 4, 5) },
      ],
      [
        { datatype: 'INT64', shape: [2], data: BigInt64Array.of(1n, -(2n ** 63n)) },
        { datatype: 'INT64', shape: [1], data: BigInt64Array.of(2n ** 63n - 1n) },
      ],
      [
        { datatype: 'BYTES', shape: [1, 1], data: ['Japan'] },
        { datatype: 'BYTES', shape: [2, 1], data: ['', 'USA'] },
      ],
      [
        { datatype: 'BOOL', shape: [0, 3], data: new Uint8Array(0) },
        { datatype: 'BOOL', shape: [1, 3], data: Uint8Array.of(1, 0, 1) },
      ],
    ];
    for (const tensors of cases) {
      const stacked = concatRows(tensors);
      expect(stacked.shape[0]).toBe(tensors.reduce((sum, t) => sum + t.shape[0]!, 0));
      expect(stacked.data.length).toBe(tensors.reduce((sum, t) => sum + t.data.length, 0));
      expect(
        splitRows(
          stacked,
          tensors.map((t) => t.shape[0]!),
        ),
      ).toEqual(tensors);
    }
  });

  it('split copies, so one result does not alias another', () => {
    const [first, second] = splitRows(
      { datatype: 'FP64', shape: [2], data: Float64Array.of(1, 2) },
      [1, 1],
    );
    (first!.data as Float64Array)[0] = 99;
    expect(second!.data).toEqual(Float64Array.of(2));
    expect((first!.data as Float64Array).buffer).not.toBe((second!.data as Float64Array).buffer);
  });
});

describe('batchRows', () => {
  const specs = [
    { name: 'a', datatype: 'FP32' as const, shape: [-1, 2] },
    { name: 'b', datatype: 'FP32' as const, shape: [-1, -1] },
  ];
  const tensor = (shape: number[]): Tensor => ({
    datatype: 'FP32',
    shape,
    data: new Float32Array(shape.reduce((a, b) => a * b, 1)),
  });

  it('keys requests by every dimension but the first, which must agree across inputs', () => {
    expect(batchRows(specs, { a: tensor([3, 2]), b: tensor([3, 5]) })).toEqual({
      rows: 3,
      key: '2;5',
    });
    expect(batchRows(specs, { a: tensor([3, 2]), b: tensor([4, 5]) })).toBeUndefined();
  });
});
