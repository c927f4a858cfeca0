import { invalidParameter } from '../../core/errors/index.js';
import { parseBoolean, parseDatetime, parseNumber } from '../../data/tabular/index.js';
import { datetimePart, type FeatureSchema, type FeatureSpec } from '../../onnx/index.js';

/** One model input's data, ready to wrap as an onnxruntime tensor of shape [rows, 1]. */
export type FeatureTensor =
  | { type: 'float64'; data: Float64Array; dims: [number, 1] }
  | { type: 'string'; data: string[]; dims: [number, 1] };

/** A column's values as a client sends them (JSON scalars), or typed arrays (NaN = missing). */
export type FeatureColumn = ArrayLike<unknown>;

/**
 * The inputs a Gyre-trained model takes, from named columns: numbers and booleans as doubles
 * (missing → NaN), categories as strings (missing → ''), and each datetime — epoch milliseconds
 * or ISO 8601 text — as one number per part. Values that cannot be what the column holds are
 * refused rather than fed as missing.
 */
export function featureTensors(
  schema: FeatureSchema,
  columns: Record<string, FeatureColumn>,
  rows: number,
): Record<string, FeatureTensor> {
  const tensors: Record<string, FeatureTensor> = Object.create(null) as Record<
    string,
    FeatureTensor
  >;
  for (const feature of schema) {
    if (!Object.hasOwn(columns, feature.name))
      throw invalidParameter(`no values for the model's input column '${feature.name}'`);
    const column = columns[feature.name]!;
    const at = (r: number): unknown => column[r];
    if (feature.type === 'categorical' || feature.type === 'text') {
      const data = Array.from({ length: rows }, (_, r) => categoryText(at(r), feature, r));
      tensors[feature.input] = { type: 'string', data, dims: [rows, 1] };
    } else if (feature.parts) {
      const instants = Float64Array.from({ length: rows }, (_, r) => instant(at(r), feature, r));
      for (const part of feature.parts) {
        const data = instants.map((ms) => datetimePart(ms, part));
        tensors[`${feature.input}.${part}`] = { type: 'float64', data, dims: [rows, 1] };
      }
    } else {
      const data = Float64Array.from({ length: rows }, (_, r) => numberOf(at(r), feature, r));
      tensors[feature.input] = { type: 'float64', data, dims: [rows, 1] };
    }
  }
  return tensors;
}

function categoryText(value: unknown, feature: FeatureSpec, row: number): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return fail(feature, row, value, 'a category (text, a number or a boolean)');
}

function numberOf(value: unknown, feature: FeatureSpec, row: number): number {
  if (value === null || value === undefined || value === '') return Number.NaN;
  if (typeof value === 'number' && !Number.isNaN(value)) return finiteOrFail(value, feature, row);
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') {
    const number = parseNumber(value) ?? flag(parseBoolean(value));
    if (number !== undefined) return finiteOrFail(number, feature, row);
  }
  return fail(feature, row, value, 'a number');
}

function instant(value: unknown, feature: FeatureSpec, row: number): number {
  if (value === null || value === undefined || value === '') return Number.NaN;
  if (typeof value === 'number') return value;
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'string') {
    const date = parseDatetime(value);
    if (date) return date.getTime();
  }
  return fail(feature, row, value, 'an ISO 8601 date or time, or epoch milliseconds');
}

function flag(value: boolean | undefined): number | undefined {
  return value === undefined ? undefined : value ? 1 : 0;
}

function finiteOrFail(value: number, feature: FeatureSpec, row: number): number {
  return Number.isFinite(value) ? value : fail(feature, row, value, 'a finite number');
}

function fail(feature: FeatureSpec, row: number, value: unknown, expected: string): never {
  throw invalidParameter(
    `column '${feature.name}' row ${row} is ${JSON.stringify(value) ?? String(value)}; the model expects ${expected}`,
    { field: feature.name, row },
  );
}
