import { invalidParameter } from '../core/errors/index.js';
import type { DatetimePart, FeatureSchema } from './gyre-metadata.js';

/** One model input's data, ready to wrap as an onnxruntime tensor of shape [rows, 1]. */
export type FeatureTensor =
  | { type: 'float32'; data: Float32Array; dims: [number, 1] }
  | { type: 'string'; data: string[]; dims: [number, 1] };

/** A column's values: numbers (NaN = missing; datetimes as epoch ms) or text (null = missing). */
export type FeatureColumn = ArrayLike<number> | readonly (string | null)[];

/**
 * The inputs a Gyre-trained model takes, from named columns: numbers as float32 (NaN for
 * missing), categories as strings ('' for missing), and each datetime as one number per part.
 */
export function featureTensors(
  schema: FeatureSchema,
  columns: Record<string, FeatureColumn>,
  rows: number,
): Record<string, FeatureTensor> {
  const tensors: Record<string, FeatureTensor> = {};
  for (const feature of schema) {
    const column = columns[feature.name];
    if (!column) throw invalidParameter(`no values for the model's input column '${feature.name}'`);
    if (feature.type === 'categorical' || feature.type === 'text') {
      const data = Array.from({ length: rows }, (_, r) => {
        const value = column[r];
        return value === null || value === undefined ? '' : String(value);
      });
      tensors[feature.input] = { type: 'string', data, dims: [rows, 1] };
    } else if (feature.parts) {
      for (const part of feature.parts) {
        const data = Float32Array.from({ length: rows }, (_, r) =>
          datetimePart(Number(column[r] ?? Number.NaN), part),
        );
        tensors[`${feature.input}.${part}`] = { type: 'float32', data, dims: [rows, 1] };
      }
    } else {
      const data = Float32Array.from({ length: rows }, (_, r) => Number(column[r] ?? Number.NaN));
      tensors[feature.input] = { type: 'float32', data, dims: [rows, 1] };
    }
  }
  return tensors;
}

/** A part of a UTC timestamp, as a number (weekday: Monday = 0, as pandas). */
export function datetimePart(ms: number, part: DatetimePart): number {
  if (Number.isNaN(ms)) return Number.NaN;
  const date = new Date(ms);
  switch (part) {
    case 'year':
      return date.getUTCFullYear();
    case 'month':
      return date.getUTCMonth() + 1;
    case 'day':
      return date.getUTCDate();
    case 'weekday':
      return (date.getUTCDay() + 6) % 7;
    case 'hour':
      return date.getUTCHours() + date.getUTCMinutes() / 60;
  }
}
