/**
 * Occurrences of distinct numbers in an open-addressing hash table of typed arrays. A `Map` would
 * box every float key into a heap object (a CSV column of decimals spent a third of its profiling
 * time collecting them); this table allocates only when it grows. -0 counts as 0.
 */
export class NumberCounts {
  private keys: Float64Array;
  private counts: Float64Array;
  private used: Uint8Array;
  private mask: number;
  size = 0;

  constructor(initialCapacity = 1024) {
    const capacity = 2 ** Math.ceil(Math.log2(Math.max(16, initialCapacity)));
    this.keys = new Float64Array(capacity);
    this.counts = new Float64Array(capacity);
    this.used = new Uint8Array(capacity);
    this.mask = capacity - 1;
  }

  /** Adds `times` occurrences of a number (not NaN). */
  add(value: number, times = 1): void {
    const key = value === 0 ? 0 : value;
    let slot = hashNumber(key) & this.mask;
    const { keys, used } = this;
    while (used[slot] === 1) {
      if (keys[slot] === key) {
        this.counts[slot]! += times;
        return;
      }
      slot = (slot + 1) & this.mask;
    }
    used[slot] = 1;
    keys[slot] = key;
    this.counts[slot] = times;
    if (++this.size * 2 > keys.length) this.grow();
  }

  /** Calls `visit` for each distinct number and its count, in no particular order. */
  forEach(visit: (value: number, count: number) => void): void {
    for (let slot = 0; slot < this.keys.length; slot++) {
      if (this.used[slot] === 1) visit(this.keys[slot]!, this.counts[slot]!);
    }
  }

  /** The distinct numbers in increasing order, with the running total of counts up to each. */
  sorted(): { values: Float64Array; cumulative: Float64Array } {
    const values = new Float64Array(this.size);
    let i = 0;
    this.forEach((value) => (values[i++] = value));
    values.sort();
    const cumulative = new Float64Array(this.size);
    let running = 0;
    values.forEach((value, index) => (cumulative[index] = running += this.countOf(value)));
    return { values, cumulative };
  }

  private countOf(value: number): number {
    let slot = hashNumber(value) & this.mask;
    while (this.keys[slot] !== value) slot = (slot + 1) & this.mask;
    return this.counts[slot]!;
  }

  private grow(): void {
    const { keys, counts, used } = this;
    const capacity = keys.length * 2;
    this.keys = new Float64Array(capacity);
    this.counts = new Float64Array(capacity);
    this.used = new Uint8Array(capacity);
    this.mask = capacity - 1;
    this.size = 0;
    for (let slot = 0; slot < keys.length; slot++) {
      if (used[slot] === 1) this.add(keys[slot]!, counts[slot]);
    }
  }
}

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);

/** A mixed 32-bit hash of a double's bits (murmur3's finaliser over both words). */
function hashNumber(value: number): number {
  bits[0] = value;
  let h = (words[0]! ^ Math.imul(words[1]!, 0x9e3779b1)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}
