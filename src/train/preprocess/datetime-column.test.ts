import { describe, expect, it } from 'vitest';
import { datetimePart, datetimeParts } from '../../onnx/index.js';
import { Random } from '../random.js';
import { datetimeColumn } from './datetime-column.js';

describe('datetimeColumn', () => {
  it('matches datetimePart (Date) on every part', () => {
    const random = new Random(7);
    const values = [
      Number.NaN,
      0,
      -1,
      -0.5,
      0.5,
      -86_400_000,
      951_782_400_000, // 2000-02-29
      -62_135_596_800_000, // 0001-01-01
      8.64e15,
      -8.64e15,
      8.64e15 + 1,
      Number.POSITIVE_INFINITY,
      ...Array.from({ length: 20_000 }, () => random.uniform(-8.64e15, 8.64e15)),
      ...Array.from({ length: 20_000 }, () => Math.round(random.uniform(-4e12, 4e12))),
    ];
    const column = Float64Array.from(values);
    for (const part of datetimeParts) {
      const fast = datetimeColumn(column, part);
      const slow = column.map((ms) => datetimePart(ms, part));
      expect(Array.from(fast)).toEqual(Array.from(slow));
    }
  });
});
