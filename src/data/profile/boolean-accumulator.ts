import type { Reservoir } from './reservoir.js';

/** True and false counts and a sample of a boolean column. */
export class BooleanAccumulator {
  private trues = 0;
  private falses = 0;

  constructor(private readonly sample: Reservoir<boolean>) {}

  /** Adds flags given as 1 (true) and 0 (false). */
  addBatch(flags: Float64Array, length: number): void {
    for (let i = 0; i < length; i++) {
      const flag = flags[i] === 1;
      if (flag) this.trues++;
      else this.falses++;
      this.sample.offer(flag);
    }
  }

  get count(): number {
    return this.trues + this.falses;
  }

  sampleValues(): boolean[] {
    return this.sample.values();
  }

  summary(): { true_count: number; false_count: number } {
    return { true_count: this.trues, false_count: this.falses };
  }
}
