import { describe, expect, it } from 'vitest';
import type { PredictionRecord } from '../prediction-model.js';
import type { StoreHarness } from '../testing/store-harness.js';

const T0 = 1_700_000_000_000;

function prediction(overrides: Partial<PredictionRecord> = {}): PredictionRecord {
  return {
    requestId: 'req-1',
    row: 0,
    modelName: 'weather',
    modelVersion: 3,
    time: T0,
    latencyMs: 1.25,
    inputs: { wind: 4.7, weather_yesterday: 'rain', date: '2012-01-01T00:00:00.000Z', gust: null },
    outputs: { label: 'sun', probabilities: [0.1, 0.2, 0.3, 0.4] },
    ...overrides,
  };
}

export function predictionCases(h: () => StoreHarness): void {
  describe('prediction log', () => {
    it('appends rows and reads a model’s newest first, by version and time', async () => {
      const log = h().store.predictions;
      await log.append([
        prediction(),
        prediction({ row: 1, inputs: { wind: 2 } }),
        prediction({ requestId: 'req-2', time: T0 + 10, modelVersion: 4 }),
        prediction({ requestId: 'req-3', time: T0 + 20, modelName: 'other' }),
      ]);
      const recent = await log.recent({ modelName: 'weather', limit: 10 });
      expect(recent.map((p) => [p.requestId, p.row])).toEqual([
        ['req-2', 0],
        ['req-1', 1],
        ['req-1', 0],
      ]);
      expect(recent[2]).toEqual(prediction());
      expect((await log.recent({ modelName: 'weather', modelVersion: 3, limit: 10 })).length).toBe(
        2,
      );
      expect((await log.recent({ modelName: 'weather', since: T0 + 5, limit: 10 })).length).toBe(1);
      expect(
        (await log.recent({ modelName: 'weather', limit: 1 })).map((p) => p.requestId),
      ).toEqual(['req-2']);
      expect(await log.recent({ modelName: 'nope', limit: 10 })).toEqual([]);
    });

    it('keeps the first row logged for a request id and row, and finds rows by request id', async () => {
      const log = h().store.predictions;
      await log.append([prediction(), prediction({ requestId: 'req-2', modelVersion: null })]);
      await log.append([
        prediction({ outputs: { label: 'rain' } }),
        prediction({ requestId: 'req-9' }),
      ]);
      const found = await log.byRequestIds(['req-1', 'req-2', 'missing']);
      expect(found.map((p) => [p.requestId, p.outputs.label, p.modelVersion])).toEqual([
        ['req-1', 'sun', 3],
        ['req-2', 'sun', null],
      ]);
      expect(await log.byRequestIds([])).toEqual([]);
      await log.append([]);
    });

    it('writes a large batch in one call', async () => {
      const rows = Array.from({ length: 1234 }, (_, i) =>
        prediction({ requestId: `r${i}`, time: T0 + i }),
      );
      await h().store.predictions.append(rows);
      expect(
        (await h().store.predictions.recent({ modelName: 'weather', limit: 5000 })).length,
      ).toBe(1234);
    });
  });
}
