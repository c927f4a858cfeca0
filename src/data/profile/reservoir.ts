import type { SeededRandom } from './random.js';

/**
 * A uniform random sample of at most `size` values from a stream of unknown length (Li's
 * Algorithm L): each value seen has the same chance to be in the sample, memory is `size` values,
 * and random numbers are drawn only when a value is taken (O(size · log(n / size)) draws), so
 * offering a value costs a counter decrement. With a seeded generator the sample is a function of
 * the values and their order. While at most `size` values have been offered, the sample is all of
 * them in order.
 */
export class Reservoir<T> {
  private readonly items: T[] = [];
  private seen = 0;
  private weight = 0;
  /** How many values to pass over before the next one is taken. */
  private skip = 0;

  constructor(
    readonly size: number,
    private readonly random: SeededRandom,
  ) {}

  offer(value: T): void {
    this.seen++;
    if (this.items.length < this.size) {
      this.items.push(value);
      if (this.items.length === this.size) this.startSkipping();
      return;
    }
    if (this.size === 0 || this.skip-- > 0) return;
    this.items[this.random.below(this.size)] = value;
    this.weight *= Math.exp(Math.log(this.random.nextPositive()) / this.size);
    this.skip = this.nextSkip();
  }

  get count(): number {
    return this.seen;
  }

  values(): T[] {
    return [...this.items];
  }

  private startSkipping(): void {
    this.weight = Math.exp(Math.log(this.random.nextPositive()) / this.size);
    this.skip = this.nextSkip();
  }

  private nextSkip(): number {
    // 1 - weight underflows to 0 only when weight is 1, i.e. never after a positive draw.
    return Math.floor(Math.log(this.random.nextPositive()) / Math.log1p(-this.weight));
  }
}
