import { describe, expect, it } from 'vitest';
import { readTable, toFloat64Array } from '../tabular/index.js';
import { vegaFile } from '../tabular/testing/tabular-fixtures.js';
import { binByEdges } from './histogram.js';
import { kllRankError } from './kll-sketch.js';
import { profileDataset } from './profile-dataset.js';
import { profileFile } from './profile-file.js';
import { QUANTILES, type NumericColumnProfile, type NumericSummary } from './profile-format.js';
import { logNormalColumn, memoryChunks } from './testing/memory-chunks.js';
import { rankError } from './testing/rank-error.js';

/** Large numeric columns: quantiles from the KLL sketch, histograms counted in a second pass. */

function expectWithinRankBound(summary: NumericSummary, sorted: Float64Array): void {
  expect(summary.quantiles_exact).toBe(false);
  expect(summary.quantile_rank_error).toBe(kllRankError());
  for (const [name, q] of Object.entries(QUANTILES)) {
    const value = summary.quantiles[name as keyof typeof QUANTILES];
    expect(rankError(sorted, value, q), name).toBeLessThanOrEqual(summary.quantile_rank_error);
  }
}

describe('a column too large and varied for exact quantiles', () => {
  it('1,000,000 log-normal values: sketched quantiles within the bound, exact histogram counts', async () => {
    const values = logNormalColumn(1_000_000, 3);
    const source = memoryChunks({ amount: values }, 8192);
    const progress: [number, number][] = [];
    const profile = await profileDataset(source.open, {
      onProgress: (rows, pass) => progress.push([rows, pass]),
    });
    expect(profile.passes).toBe(2);
    expect(source.opened()).toBe(2);
    expect(progress.at(-1)).toEqual([1_000_000, 2]);
    expect(progress.filter(([, pass]) => pass === 1).at(-1)).toEqual([1_000_000, 1]);

    const column = profile.columns[0] as NumericColumnProfile;
    const summary = column.numeric!;
    const sorted = Float64Array.from(values).sort();
    expectWithinRankBound(summary, sorted);
    expect(summary.min).toBe(sorted[0]);
    expect(summary.max).toBe(sorted[sorted.length - 1]);
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    expect(summary.mean).toBeCloseTo(mean, 9);

    const { edges, counts } = summary.histogram;
    expect(edges[0]).toBe(summary.min);
    expect(edges.at(-1)).toBe(summary.max);
    const exact = binByEdges(edges, values);
    expect(counts).toEqual(exact.counts);
    expect(exact.below + exact.above).toBe(0);
    // Edges at sketched quantiles: each of the 20 bins holds 5% of the values, give or take the
    // rank error at both of its edges.
    for (const count of counts) {
      expect(Math.abs(count / values.length - 0.05)).toBeLessThanOrEqual(2 * kllRankError());
    }
    expect(column.sample).toHaveLength(5000);
  });

  it('flights-200k.arrow: the same file profiled exactly and by sketch agree within the bound', async () => {
    const path = vegaFile('flights-200k.arrow');
    const sketched = await profileFile(path, { exactLimit: 1000, distinctLimit: 100 });
    const exact = await profileFile(path);
    const table = await readTable(path);
    expect(sketched.passes).toBe(2);
    expect(exact.passes).toBe(1);
    for (const name of ['delay', 'distance']) {
      const fromSketch = sketched.columns.find((c) => c.name === name) as NumericColumnProfile;
      const fromExact = exact.columns.find((c) => c.name === name) as NumericColumnProfile;
      const values = toFloat64Array(table.values[name]!);
      expectWithinRankBound(fromSketch.numeric!, values.slice().sort());
      expect(fromExact.numeric!.quantiles_exact).toBe(true);
      for (const statistic of ['min', 'max', 'mean', 'std', 'zeros'] as const) {
        expect(fromSketch.numeric![statistic]).toBeCloseTo(fromExact.numeric![statistic]!, 9);
      }
      const { edges, counts } = fromSketch.numeric!.histogram;
      expect(counts).toEqual(binByEdges(edges, values).counts);
    }
  });
});
