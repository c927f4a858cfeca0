import type { Cell, TableChunk } from '../../tabular/index.js';

/**
 * An `open` function for `profileDataset` over columns held in memory, cut into chunks of
 * `chunkRows` rows (several chunks, so chunk boundaries are exercised). Counts how often it was
 * opened, since a profile reads its data once or twice.
 */
export function memoryChunks(
  columns: Record<string, readonly Cell[]>,
  chunkRows = 1000,
): { open: () => AsyncIterable<TableChunk>; opened: () => number } {
  const names = Object.keys(columns);
  const rows = names.length === 0 ? 0 : columns[names[0]!]!.length;
  let opened = 0;
  async function* chunks(): AsyncGenerator<TableChunk> {
    opened++;
    for (let rowOffset = 0; rowOffset < rows; rowOffset += chunkRows) {
      const rowCount = Math.min(chunkRows, rows - rowOffset);
      const values: Record<string, Cell[]> = {};
      for (const name of names)
        values[name] = columns[name]!.slice(rowOffset, rowOffset + rowCount);
      await Promise.resolve();
      yield { columns: names, rowOffset, rowCount, values };
    }
  }
  return { open: chunks, opened: () => opened };
}

/** A seeded stream of uniform floats in [0, 1), for generated test columns. */
export function seededUniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A log-normal sample: skewed with a long right tail, like delays, prices and incomes. */
export function logNormalColumn(count: number, seed: number): number[] {
  const uniform = seededUniform(seed);
  return Array.from({ length: count }, () => {
    const normal = Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
    return Math.exp(1 + 1.5 * normal);
  });
}
