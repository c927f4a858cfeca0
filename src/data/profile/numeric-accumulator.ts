import { addToBins, emptyCounts, quantileEdges, type BinnedCounts } from './histogram.js';
import { KllSketch, kllRankError } from './kll-sketch.js';
import { countedOrderStatistic, linearQuantile } from './linear-quantile.js';
import { Moments } from './moments.js';
import { NumberCounts } from './number-counts.js';
import { QUANTILES, type NumericSummary, type QuantileName } from './profile-format.js';
import type { Reservoir } from './reservoir.js';

export interface NumericLimits {
  /** Values kept for exact quantiles. */
  exactLimit: number;
  /** Distinct values counted exactly (exact quantiles and histogram whatever the count). */
  distinctLimit: number;
  sketchK: number;
  seed: number;
}

/**
 * Statistics of a numeric column's finite values in bounded memory. Quantiles and histogram are
 * exact while the values fit in `exactLimit` or take at most `distinctLimit` distinct values (a
 * table of value counts: flight delays in minutes, ages, counts); beyond both, a KLL sketch gives
 * the quantiles and histogram edges, and a second pass counts the histogram on those edges.
 */
export class NumericAccumulator {
  private readonly moments = new Moments();
  private min = Infinity;
  private max = -Infinity;
  private zeros = 0;
  /** All values so far, while there are at most `exactLimit`. */
  private buffer: Float64Array | null = new Float64Array(256);
  /** Value → occurrences, while there are at most `distinctLimit` distinct values. */
  private distinct: NumberCounts | null = new NumberCounts();
  private sketch: KllSketch | null = null;
  private edges: number[] = [];
  private binned: BinnedCounts | null = null;
  private quantiles: Record<QuantileName, number> | null = null;
  infinite = 0;

  constructor(
    private readonly limits: NumericLimits,
    private readonly sample: Reservoir<number>,
  ) {}

  /** Finite values added. */
  get count(): number {
    return this.moments.count;
  }

  sampleValues(): number[] {
    return this.sample.values();
  }

  /** Adds a batch of finite values (pass 1). */
  addBatch(values: Float64Array, length: number): void {
    this.moments.addBatch(values, length);
    let { min, max, zeros } = this;
    const { sample, distinct, sketch } = this;
    for (let i = 0; i < length; i++) {
      const value = values[i]!;
      if (value < min) min = value;
      if (value > max) max = value;
      if (value === 0) zeros++;
      sample.offer(value);
      if (distinct) distinct.add(value);
      if (sketch) sketch.update(value);
    }
    this.min = min;
    this.max = max;
    this.zeros = zeros;
    if (this.buffer) this.keep(values, length);
    if (distinct && distinct.size > this.limits.distinctLimit) this.dropDistinct();
  }

  /**
   * Fixes quantiles and histogram edges after pass 1. Returns true when the histogram still has
   * to be counted in a second pass (`countBatch`).
   */
  fixEdges(bins: number): boolean {
    const count = this.moments.count;
    if (count === 0) return false;
    const quantile = this.quantileFunction();
    this.quantiles = Object.fromEntries(
      Object.entries(QUANTILES).map(([name, q]) => [name, quantile(q)]),
    ) as Record<QuantileName, number>;
    this.edges = quantileEdges(quantile, bins);
    // The sketch's extreme quantiles are its exact min and max, so every value lands in a bin.
    this.binned = emptyCounts(this.edges);
    if (this.distinct) {
      const binned = this.binned;
      this.distinct.forEach((value, times) => addToBins(this.edges, binned, value, times));
    } else if (this.buffer) {
      for (let i = 0; i < count; i++) addToBins(this.edges, this.binned, this.buffer[i]!, 1);
    } else return true;
    return false;
  }

  /** Counts a batch of finite values on the fixed edges (pass 2). */
  countBatch(values: Float64Array, length: number): void {
    for (let i = 0; i < length; i++) addToBins(this.edges, this.binned!, values[i]!, 1);
  }

  summary(): NumericSummary | null {
    const { moments, binned, quantiles } = this;
    if (moments.count === 0 || !binned || !quantiles) return null;
    const exact = this.sketch === null;
    return {
      min: this.min,
      max: this.max,
      mean: moments.mean,
      std: moments.std(1),
      zeros: this.zeros,
      infinite: this.infinite,
      quantiles,
      quantiles_exact: exact,
      quantile_rank_error: exact ? 0 : kllRankError(this.limits.sketchK),
      histogram: { edges: this.edges, counts: binned.counts },
    };
  }

  private quantileFunction(): (q: number) => number {
    const count = this.moments.count;
    if (this.distinct) {
      const { values, cumulative } = this.distinct.sorted();
      const at = countedOrderStatistic(values, cumulative);
      return (q) => linearQuantile(at, count, q);
    }
    if (this.buffer) {
      const sorted = this.buffer.slice(0, count).sort();
      return (q) => linearQuantile((i) => sorted[i]!, count, q);
    }
    const sketch = this.sketch!;
    return (q) => sketch.quantile(q);
  }

  private keep(values: Float64Array, length: number): void {
    const stored = this.moments.count - length;
    if (this.moments.count > this.limits.exactLimit) {
      if (!this.distinct) this.startSketch(this.buffer!.subarray(0, stored), values, length);
      this.buffer = null;
      return;
    }
    let buffer = this.buffer!;
    if (buffer.length < this.moments.count) {
      const grown = new Float64Array(Math.min(this.limits.exactLimit, buffer.length * 2 + length));
      grown.set(buffer.subarray(0, stored));
      this.buffer = buffer = grown;
    }
    buffer.set(values.subarray(0, length), stored);
  }

  private dropDistinct(): void {
    const distinct = this.distinct!;
    this.distinct = null;
    if (this.buffer) return;
    // Neither exact store holds the values any more: the sketch starts from the counts.
    const sketch = (this.sketch = new KllSketch(this.limits.sketchK, this.limits.seed));
    distinct.forEach((value, times) => {
      for (let i = 0; i < times; i++) sketch.update(value);
    });
  }

  private startSketch(stored: Float64Array, values: Float64Array, length: number): void {
    const sketch = (this.sketch = new KllSketch(this.limits.sketchK, this.limits.seed));
    for (const value of stored) sketch.update(value);
    for (let i = 0; i < length; i++) sketch.update(values[i]!);
  }
}
