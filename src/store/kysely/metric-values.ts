import type { MetricPoint } from '../model.js';

/** SQLite turns NaN into NULL, so NaN travels as (NULL, is_nan = 1) in both dialects. */
export function encodeMetricValue(value: number): { value: number | null; is_nan: number } {
  return Number.isNaN(value) ? { value: null, is_nan: 1 } : { value, is_nan: 0 };
}

export function decodeMetricRow(row: {
  key: string;
  value: number | null;
  is_nan: number;
  step: number;
  timestamp: number;
}): MetricPoint {
  return {
    key: row.key,
    value: Number(row.is_nan) === 1 || row.value === null ? Number.NaN : Number(row.value),
    step: Number(row.step),
    timestamp: Number(row.timestamp),
  };
}
