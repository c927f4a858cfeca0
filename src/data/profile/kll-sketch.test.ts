import { describe, expect, it } from 'vitest';
import { KLL_K, KllSketch, kllRankError } from './kll-sketch.js';
import { logNormalColumn, seededUniform } from './testing/memory-chunks.js';
import { rankError } from './testing/rank-error.js';

const N = 300_000;
const uniform = seededUniform(7);
const DATASETS: Record<string, () => Float64Array> = {
  'log-normal (skewed)': () => Float64Array.from(logNormalColumn(N, 11)),
  uniform: () => Float64Array.from({ length: N }, () => uniform()),
  'ten values, many ties': () => Float64Array.from({ length: N }, () => Math.floor(uniform() * 10)),
  'sorted ascending': () => Float64Array.from({ length: N }, (_, i) => i),
  'sorted descending': () => Float64Array.from({ length: N }, (_, i) => N - i),
};

function sketchOf(values: Float64Array, seed = 1): KllSketch {
  const sketch = new KllSketch(KLL_K, seed);
  for (const value of values) sketch.update(value);
  return sketch;
}

function worstRankError(sketch: KllSketch, sorted: Float64Array): number {
  let worst = 0;
  for (let percent = 1; percent < 100; percent++) {
    const q = percent / 100;
    worst = Math.max(worst, rankError(sorted, sketch.quantile(q), q));
  }
  return worst;
}

describe('KllSketch', () => {
  it('documents a rank error of 0.27% for k = 1024', () => {
    expect(KLL_K).toBe(1024);
    expect(kllRankError()).toBeCloseTo(0.00272, 5);
    expect(kllRankError(200)).toBeCloseTo(0.0133, 4); // DataSketches' figure for its default k
  });

  it.each(Object.keys(DATASETS))('keeps every percentile within the bound: %s', (name) => {
    const values = DATASETS[name]!();
    const sorted = values.slice().sort();
    for (const seed of [1, 2, 3]) {
      const sketch = sketchOf(values, seed);
      expect(sketch.count).toBe(N);
      expect(worstRankError(sketch, sorted)).toBeLessThanOrEqual(kllRankError());
    }
  });

  it('answers q = 0 and q = 1 with the exact extremes', () => {
    const values = DATASETS['log-normal (skewed)']!();
    const sorted = values.slice().sort();
    const sketch = sketchOf(values);
    expect(sketch.quantile(0)).toBe(sorted[0]);
    expect(sketch.quantile(1)).toBe(sorted[N - 1]);
  });

  it('holds a few thousand items however long the stream', () => {
    const sketch = new KllSketch();
    for (let i = 0; i < 2_000_000; i++) sketch.update(uniform());
    expect(sketch.retainedItems).toBeLessThan(3.5 * KLL_K);
  });

  it('merges sketches of parts into a sketch of the whole with the same bound', () => {
    const values = DATASETS['log-normal (skewed)']!();
    const sorted = values.slice().sort();
    const parts = [0, 1, 2].map((part) =>
      sketchOf(values.subarray((part * N) / 3, ((part + 1) * N) / 3), part + 1),
    );
    const merged = parts[0]!;
    merged.merge(parts[1]!);
    merged.merge(parts[2]!);
    expect(merged.count).toBe(N);
    expect(merged.quantile(0)).toBe(sorted[0]);
    expect(merged.quantile(1)).toBe(sorted[N - 1]);
    expect(merged.retainedItems).toBeLessThan(3.5 * KLL_K);
    expect(worstRankError(merged, sorted)).toBeLessThanOrEqual(kllRankError());
  });

  it('refuses to merge sketches of different k', () => {
    expect(() => new KllSketch(1024).merge(new KllSketch(200))).toThrow(
      /k = 200 into one of k = 1024/,
    );
  });

  it('is deterministic for a seed', () => {
    const values = DATASETS.uniform!();
    const quantiles = (seed: number) => {
      const sketch = sketchOf(values, seed);
      return [0.1, 0.5, 0.9].map((q) => sketch.quantile(q));
    };
    expect(quantiles(5)).toEqual(quantiles(5));
  });

  it('estimates ranks within the bound', () => {
    const values = DATASETS.uniform!();
    const sorted = values.slice().sort();
    const sketch = sketchOf(values);
    for (const index of [N / 100, N / 4, N / 2, (N * 3) / 4, (N * 99) / 100]) {
      const x = sorted[index]!;
      expect(Math.abs(sketch.rank(x) - (index + 1) / N)).toBeLessThanOrEqual(kllRankError());
    }
  });

  it('gives NaN for an empty sketch', () => {
    expect(new KllSketch().quantile(0.5)).toBeNaN();
    expect(new KllSketch().rank(1)).toBeNaN();
  });
});
