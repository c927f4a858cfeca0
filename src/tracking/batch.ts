import { invalidParameter } from '../core/errors/index.js';
import type { RunBatch } from '../store/index.js';
import { limits } from './limits.js';
import { validateInteger, validateKey, validateMetricValue, validateText } from './validate.js';

export interface MetricInput {
  key: string;
  /** Any double, including NaN and ±Infinity. */
  value: number;
  /** Default 0. */
  step?: number;
  /** Milliseconds since the epoch; default now. */
  timestamp?: number;
}

export interface BatchInput {
  metrics?: MetricInput[];
  params?: { key: string; value: string }[];
  tags?: { key: string; value: string }[];
}

/** Checks a whole batch before anything is written, so a bad entry cannot leave half a batch. */
export function normaliseBatch(batch: BatchInput, now: number): RunBatch {
  const metrics = batch.metrics ?? [];
  const params = batch.params ?? [];
  const tags = batch.tags ?? [];
  for (const [name, list, max] of [
    ['metrics', metrics, limits.batchMetrics],
    ['params', params, limits.batchParams],
    ['tags', tags, limits.batchTags],
  ] as const) {
    if (!Array.isArray(list)) throw invalidParameter(`${name} must be an array`);
    if (list.length > max) {
      throw invalidParameter(
        `a batch can hold at most ${max} ${name}, got ${list.length}; split it into several batches`,
      );
    }
  }
  // Batches repeat a few keys many times (one per step); each distinct key is checked once.
  const checkedKeys = new Set<string>();
  const metricKey = (key: unknown): string => {
    if (typeof key === 'string' && checkedKeys.has(key)) return key;
    checkedKeys.add(validateKey('metric', key));
    return key as string;
  };
  return {
    metrics: metrics.map((metric) => {
      const key = metricKey(metric?.key);
      return {
        key,
        value: validateMetricValue(key, metric.value),
        step: metric.step === undefined ? 0 : validateInteger(`metric '${key}' step`, metric.step),
        timestamp:
          metric.timestamp === undefined
            ? now
            : validateInteger(`metric '${key}' timestamp`, metric.timestamp, { min: 0 }),
      };
    }),
    params: params.map((param) => {
      const key = validateKey('param', param?.key);
      return {
        key,
        value: validateText(`param '${key}' value`, param.value, limits.paramValueLength),
      };
    }),
    tags: tags.map((tag) => {
      const key = validateKey('tag', tag?.key);
      return { key, value: validateText(`tag '${key}' value`, tag.value, limits.tagValueLength) };
    }),
  };
}
