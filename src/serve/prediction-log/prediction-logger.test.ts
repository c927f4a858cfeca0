import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PredictionRecord, PredictionStore } from '../../store/index.js';
import { openTempGyre } from '../../testing/temp-gyre.js';
import { PredictionLogger } from './prediction-logger.js';

type TempGyre = Awaited<ReturnType<typeof openTempGyre>>;

const rowsOf = (requestId: string, count: number, time = 1): PredictionRecord[] =>
  Array.from({ length: count }, (_, row) => ({
    requestId,
    row,
    modelName: 'm',
    modelVersion: 1,
    time,
    latencyMs: 0.5,
    inputs: { x: row },
    outputs: { y: row * 2 },
  }));

describe('PredictionLogger', () => {
  let gyre: TempGyre;
  const counts: Record<string, number> = {};
  const onCount = (event: string, rows: number) => {
    counts[event] = (counts[event] ?? 0) + rows;
  };
  beforeEach(async () => {
    gyre = await openTempGyre();
    for (const key of Object.keys(counts)) delete counts[key];
  });
  afterEach(() => gyre.dispose());

  it('writes queued rows in batches to the store, and everything on close', async () => {
    const logger = new PredictionLogger(gyre.store.predictions, {
      batchRows: 3,
      flushIntervalMs: 60_000,
      onCount,
    });
    expect(logger.log(rowsOf('a', 2))).toBe(true);
    expect(logger.pending).toBe(2);
    logger.log(rowsOf('b', 2)); // reaches the batch size: a write starts
    logger.log(rowsOf('c', 1));
    await logger.close();
    const stored = await gyre.store.predictions.recent({ modelName: 'm', limit: 100 });
    expect(stored).toHaveLength(5);
    expect(await gyre.store.predictions.byRequestIds(['b'])).toEqual(rowsOf('b', 2));
    expect(counts).toEqual({ logged: 5, written: 5 });
    expect(logger.log(rowsOf('d', 1))).toBe(false);
  });

  it('samples whole requests at the configured rate', async () => {
    let draw = 0;
    const draws = [0.1, 0.9, 0.29, 0.31];
    const logger = new PredictionLogger(gyre.store.predictions, {
      sampleRate: 0.3,
      random: () => draws[draw++]!,
      flushIntervalMs: 60_000,
    });
    expect(['a', 'b', 'c', 'd'].map((id) => logger.log(rowsOf(id, 2)))).toEqual([
      true,
      false,
      true,
      false,
    ]);
    await logger.close();
    const ids = (await gyre.store.predictions.recent({ modelName: 'm', limit: 100 })).map(
      (p) => p.requestId,
    );
    expect([...new Set(ids)].sort()).toEqual(['a', 'c']);
  });

  it('drops and counts rows beyond its buffer instead of waiting for a slow store', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow: PredictionStore = {
      ...gyre.store.predictions,
      append: async (records) => {
        await gate;
        await gyre.store.predictions.append(records);
      },
      recent: (q) => gyre.store.predictions.recent(q),
      byRequestIds: (ids) => gyre.store.predictions.byRequestIds(ids),
    };
    const logger = new PredictionLogger(slow, {
      maxBufferedRows: 4,
      batchRows: 4,
      flushIntervalMs: 60_000,
      onCount,
    });
    logger.log(rowsOf('a', 4)); // a full batch: its write is stuck behind the gate
    expect(logger.log(rowsOf('b', 3))).toBe(true);
    expect(logger.log(rowsOf('c', 2))).toBe(false); // 3 + 2 > 4
    expect(counts.dropped).toBe(2);
    release();
    await logger.close();
    expect(await gyre.store.predictions.recent({ modelName: 'm', limit: 100 })).toHaveLength(7);
  });

  it('counts and reports a failed write, and keeps going', async () => {
    const errors: unknown[] = [];
    let fail = true;
    const flaky: PredictionStore = {
      append: async (records) => {
        if (fail) throw new Error('database is down');
        await gyre.store.predictions.append(records);
      },
      recent: (q) => gyre.store.predictions.recent(q),
      byRequestIds: (ids) => gyre.store.predictions.byRequestIds(ids),
    };
    const logger = new PredictionLogger(flaky, {
      flushIntervalMs: 60_000,
      onCount,
      onError: (e) => errors.push(e),
    });
    logger.log(rowsOf('a', 2));
    await logger.flush();
    fail = false;
    logger.log(rowsOf('b', 1));
    await logger.close();
    expect(counts).toMatchObject({ failed: 2, written: 1 });
    expect(String(errors[0])).toMatch(/database is down/);
  });

  it('refuses settings that make no sense', () => {
    expect(() => new PredictionLogger(gyre.store.predictions, { sampleRate: 1.5 })).toThrow(
      /between 0 and 1/,
    );
    expect(() => new PredictionLogger(gyre.store.predictions, { batchRows: 0 })).toThrow(
      /positive integer/,
    );
  });
});
