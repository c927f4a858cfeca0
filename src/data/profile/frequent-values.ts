import { HyperLogLog } from './hyperloglog.js';

/**
 * Counts of distinct strings: exact while there are at most `limit` distinct values, then a
 * Misra–Gries summary of the same size (with batched decrements, as in Apache DataSketches'
 * frequent-items sketch) that keeps every value more frequent than about 2n / limit, each count
 * low by at most `countError`, and a HyperLogLog estimate of the number of distinct values.
 */
export class FrequentValues {
  private readonly counts = new Map<string, number>();
  private distinctSketch: HyperLogLog | null = null;
  /** Sum of the decrements so far: the most any count can be below the true count. */
  countError = 0;
  total = 0;

  constructor(private readonly limit: number) {}

  add(value: string): void {
    this.total++;
    const count = this.counts.get(value);
    if (count !== undefined) {
      this.counts.set(value, count + 1);
      return;
    }
    this.counts.set(value, 1);
    this.distinctSketch?.add(value);
    if (this.counts.size > this.limit) this.purge();
  }

  get exact(): boolean {
    return this.distinctSketch === null;
  }

  cardinality(): number {
    return this.distinctSketch ? this.distinctSketch.estimate() : this.counts.size;
  }

  /** Values by count, most frequent first; equal counts by value, so the order is stable. */
  sorted(): [value: string, count: number][] {
    return [...this.counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }

  /**
   * Subtracts the median count from every count and forgets values at or below zero, freeing
   * about half the room; a value loses at most the total subtracted.
   */
  private purge(): void {
    if (!this.distinctSketch) {
      this.distinctSketch = new HyperLogLog();
      for (const value of this.counts.keys()) this.distinctSketch.add(value);
    }
    const counts = Float64Array.from(this.counts.values()).sort();
    const median = counts[counts.length >>> 1]!;
    for (const [value, count] of this.counts) {
      if (count <= median) this.counts.delete(value);
      else this.counts.set(value, count - median);
    }
    this.countError += median;
  }
}
