/**
 * Seeded randomness for sampling and sketch compaction, so the same data, options and seed give
 * the same profile byte for byte (profiles are stored and compared; Math.random would make every
 * run differ).
 */

/** A small, fast generator of floats in [0, 1) (mulberry32); good enough for sampling. */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** A float in (0, 1), for logarithms. */
  nextPositive(): number {
    let value = this.next();
    while (value === 0) value = this.next();
    return value;
  }

  /** An integer in [0, bound). */
  below(bound: number): number {
    return Math.floor(this.next() * bound);
  }
}

/**
 * A well-mixed 32-bit hash of a string: FNV-1a over the UTF-16 code units, then murmur3's
 * finaliser, which FNV alone lacks (its low bits avalanche poorly, and HyperLogLog reads them).
 */
export function hashString(text: string, seed = 0): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return mix32(hash);
}

/** murmur3's 32-bit finaliser: every input bit affects every output bit. */
export function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A seed for one column: the run's seed mixed with the column's name and position. */
export function columnSeed(seed: number, name: string, index: number): number {
  return mix32(hashString(name, seed) ^ mix32(index + 1));
}
