import { describe, expect, it } from 'vitest';
import { isGyreError } from '../../core/errors/index.js';
import { binByEdges, quantileEdges } from './histogram.js';

describe('binByEdges', () => {
  const edges = [0, 10, 20, 30];

  it('bins like numpy.histogram: closed on the left, the last bin closed on both sides', () => {
    const counts = binByEdges(edges, [0, 5, 9.999, 10, 19, 20, 29.5, 30]);
    expect(counts).toEqual({ counts: [3, 2, 3], below: 0, above: 0, missing: 0 });
  });

  it('counts values outside the edges and NaN instead of dropping them', () => {
    const counts = binByEdges(edges, new Float64Array([-1, -0.001, 30.001, 1e9, Number.NaN, 15]));
    expect(counts).toEqual({ counts: [0, 1, 0], below: 2, above: 2, missing: 1 });
  });

  it('adds to counts from earlier chunks', () => {
    const first = binByEdges(edges, [1, 2, 35]);
    const both = binByEdges(edges, [25, -5], first);
    expect(both).toBe(first);
    expect(both).toEqual({ counts: [2, 0, 1], below: 1, above: 1, missing: 0 });
  });

  it('puts every value of a constant column in its one bin', () => {
    expect(binByEdges([5, 5], [5, 5, 4, 6])).toEqual({
      counts: [2],
      below: 1,
      above: 1,
      missing: 0,
    });
  });

  it.each([[[]], [[1]], [[2, 1]], [[0, Number.NaN]], [[0, Infinity]]])(
    'refuses edges %j',
    (bad) => {
      let thrown: unknown;
      try {
        binByEdges(bad, [1]);
      } catch (error) {
        thrown = error;
      }
      expect(isGyreError(thrown) && thrown.details?.reason).toBe('invalid_edges');
    },
  );

  it('refuses counts of another number of bins', () => {
    expect(() => binByEdges(edges, [1], binByEdges([0, 1], []))).toThrow(/3 bins|1 bins/);
  });
});

describe('quantileEdges', () => {
  it('merges equal quantiles, keeping the edges increasing', () => {
    // A column mostly of zeros: most quantiles are 0.
    const quantile = (q: number) => (q < 0.8 ? 0 : Math.round((q - 0.8) * 100));
    expect(quantileEdges(quantile, 10)).toEqual([0, 10, 20]);
  });

  it('gives a constant column the edges [v, v]', () => {
    expect(quantileEdges(() => 3, 20)).toEqual([3, 3]);
  });
});
