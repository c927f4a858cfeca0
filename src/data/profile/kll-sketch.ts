import { invalidParameter } from '../../core/errors/index.js';
import { SeededRandom } from './random.js';

/** The sketch's size parameter: retained items stay below about 3·k, the rank error near 1/k. */
export const KLL_K = 1024;

/**
 * Normalised rank error of a KLL sketch with parameter k: with 99% confidence a quantile it
 * returns has a true rank within this fraction of n of the rank asked for. The formula is Apache
 * DataSketches' fit to the 99th percentile of errors measured in thousands of trials of this
 * algorithm (single-rank queries); for k = 1024 it is 0.27%.
 */
export function kllRankError(k: number = KLL_K): number {
  return 2.296 / k ** 0.9723;
}

/** Levels grow no thinner than this, so the top levels still compact in useful amounts. */
const MIN_LEVEL_WIDTH = 8;

/**
 * A KLL quantile sketch (Karnin, Lang and Liberty, 2016, as laid out in Apache DataSketches):
 * items live in levels, an item on level h standing for 2^h values. When the sketch is full, the
 * lowest level over its capacity is sorted and every other item (a seeded coin decides which half)
 * moves up a level. Level capacities shrink by 2/3 per level down from the top, so memory is
 * O(k · log(n / k)) items and the rank error about 1/k. Sketches of parts of a stream merge into
 * a sketch of the whole with the same error bound.
 */
export class KllSketch {
  private levels: Float64Array[] = [new Float64Array(64)];
  private sizes: number[] = [0];
  private retained = 0;
  private capacity = 0;
  /** Capacity of each level; they change only when a level is added. */
  private capacities: number[] = [];
  private readonly random: SeededRandom;
  private scratch = new Float64Array(64);
  /** Sorted views for queries, dropped on update. */
  private view: { values: Float64Array; cumulative: Float64Array } | null = null;
  count = 0;
  min = Infinity;
  max = -Infinity;

  constructor(
    readonly k: number = KLL_K,
    seed = 0,
  ) {
    this.random = new SeededRandom(seed);
    this.computeCapacities();
  }

  update(value: number): void {
    if (this.retained >= this.capacity) this.compress();
    this.view = null;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    let level = this.levels[0]!;
    const size = this.sizes[0]!;
    if (size === level.length) level = this.levels[0] = grow(level, size * 2);
    level[size] = value;
    this.sizes[0] = size + 1;
    this.retained++;
    this.count++;
  }

  /** Adds another sketch's values to this one (the other is left as it was). */
  merge(other: KllSketch): void {
    if (other.k !== this.k) {
      // Levels of different capacities would void the error bound.
      throw invalidParameter(
        `cannot merge a KLL sketch of k = ${other.k} into one of k = ${this.k}`,
        {
          reason: 'sketch_mismatch',
        },
      );
    }
    while (this.levels.length < other.levels.length) this.addLevel();
    for (let h = 0; h < other.levels.length; h++) {
      const theirs = other.levels[h]!.subarray(0, other.sizes[h]);
      const mine = this.levels[h]!.subarray(0, this.sizes[h]);
      const joined = new Float64Array(mine.length + theirs.length);
      joined.set(mine);
      joined.set(theirs, mine.length);
      if (h > 0) joined.sort(); // upper levels are kept sorted
      this.levels[h] = joined;
      this.sizes[h] = joined.length;
    }
    this.retained += other.retained;
    this.count += other.count;
    this.min = Math.min(this.min, other.min);
    this.max = Math.max(this.max, other.max);
    this.view = null;
    while (this.retained > this.capacity) this.compress();
  }

  /**
   * The value whose estimated rank is q (0 ≤ q ≤ 1): the smallest retained item whose weight, with
   * all smaller items', exceeds q·(n − 1), i.e. the order statistic numpy interpolates at. q = 0
   * and q = 1 give the exact minimum and maximum.
   */
  quantile(q: number): number {
    if (this.count === 0) return NaN;
    if (q <= 0) return this.min;
    if (q >= 1) return this.max;
    const { values, cumulative } = this.sortedView();
    const target = q * (this.count - 1);
    let lo = 0;
    let hi = values.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return values[lo]!;
  }

  /** Estimated fraction of values ≤ x. */
  rank(x: number): number {
    let weight = 0;
    for (let h = 0; h < this.levels.length; h++) {
      const level = this.levels[h]!;
      for (let i = 0; i < this.sizes[h]!; i++) if (level[i]! <= x) weight += 2 ** h;
    }
    return this.count === 0 ? NaN : weight / this.count;
  }

  /** Items held, for memory accounting and tests. */
  get retainedItems(): number {
    return this.retained;
  }

  private sortedView(): { values: Float64Array; cumulative: Float64Array } {
    this.view ??= this.buildView();
    return this.view;
  }

  private buildView(): { values: Float64Array; cumulative: Float64Array } {
    const order: [value: number, weight: number][] = [];
    for (let h = 0; h < this.levels.length; h++) {
      const level = this.levels[h]!;
      for (let i = 0; i < this.sizes[h]!; i++) order.push([level[i]!, 2 ** h]);
    }
    order.sort((a, b) => a[0] - b[0]);
    const values = new Float64Array(order.length);
    const cumulative = new Float64Array(order.length);
    let running = 0;
    order.forEach(([value, weight], i) => {
      values[i] = value;
      running += weight;
      cumulative[i] = running;
    });
    return { values, cumulative };
  }

  /** Halves the lowest level that is at or over its capacity into the level above. */
  private compress(): void {
    let h = 0;
    while (h < this.levels.length - 1 && this.sizes[h]! < this.capacities[h]!) h++;
    if (h === this.levels.length - 1) this.addLevel();
    const size = this.sizes[h]!;
    const level = this.levels[h]!;
    if (h === 0) level.subarray(0, size).sort();
    // An odd item out stays on this level, at index 0, so the rest pair up.
    const start = size & 1;
    const half = (size - start) >>> 1;
    const offset = start + (this.random.next() < 0.5 ? 0 : 1);
    const promoted =
      this.scratch.length >= half ? this.scratch : (this.scratch = new Float64Array(half * 2));
    for (let i = 0; i < half; i++) promoted[i] = level[offset + 2 * i]!;
    this.mergeInto(h + 1, promoted, half);
    this.sizes[h] = start;
    this.retained -= half;
  }

  /** Merges `count` sorted items into level h, in place from the back (no allocation). */
  private mergeInto(h: number, items: Float64Array, count: number): void {
    const size = this.sizes[h]!;
    let level = this.levels[h]!;
    if (level.length < size + count) level = this.levels[h] = grow(level, (size + count) * 2);
    let i = size - 1;
    let j = count - 1;
    for (let o = size + count - 1; j >= 0; o--) {
      level[o] = i >= 0 && level[i]! > items[j]! ? level[i--]! : items[j--]!;
    }
    this.sizes[h] = size + count;
  }

  private addLevel(): void {
    this.levels.push(new Float64Array(0));
    this.sizes.push(0);
    this.computeCapacities();
  }

  /** Level capacities: k on the top level, each level below two thirds of the one above. */
  private computeCapacities(): void {
    const top = this.levels.length - 1;
    this.capacities = this.levels.map((_, h) =>
      Math.max(MIN_LEVEL_WIDTH, Math.round(this.k * (2 / 3) ** (top - h))),
    );
    this.capacity = this.capacities.reduce((sum, capacity) => sum + capacity, 0);
  }
}

function grow(array: Float64Array, length: number): Float64Array {
  const bigger = new Float64Array(Math.max(length, 64));
  bigger.set(array);
  return bigger;
}
