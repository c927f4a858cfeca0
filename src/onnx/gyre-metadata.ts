import { invalidParameter } from '../core/errors/index.js';

/**
 * Keys Gyre reads from (and its trainers write to) an ONNX model's `metadata_props`.
 * Values are JSON so they survive any ONNX tool that copies metadata verbatim.
 */
export const gyreMetadataKeys = {
  /** `[{"name": "Island", "type": "categorical", "input": "Island"}, …]`: tabular columns → model inputs. */
  features: 'gyre.features',
  /** `["Adelie", "Chinstrap", "Gentoo"]`: class labels in output order. */
  classes: 'gyre.classes',
  target: 'gyre.target',
  runId: 'gyre.run_id',
  trainer: 'gyre.trainer',
} as const;

export const featureTypes = ['numeric', 'categorical', 'boolean', 'datetime', 'text'] as const;

export interface FeatureSpec {
  name: string;
  type: (typeof featureTypes)[number];
  /**
   * The ONNX input the column feeds. A datetime column with `parts` feeds one numeric input per
   * part instead, named `<input>.<part>` (e.g. `date.year`, `date.month`).
   */
  input: string;
  parts?: DatetimePart[];
}

export const datetimeParts = ['year', 'month', 'day', 'weekday', 'hour'] as const;
export type DatetimePart = (typeof datetimeParts)[number];

/** The ONNX inputs a feature feeds. */
export function featureInputs(feature: FeatureSpec): string[] {
  return feature.parts ? feature.parts.map((part) => `${feature.input}.${part}`) : [feature.input];
}

export type FeatureSchema = FeatureSpec[];

/** Reads and checks `gyre.features`; undefined when absent, INVALID_PARAMETER_VALUE when malformed. */
export function readFeatureSchema(
  metadata: Record<string, string>,
  inputNames: string[],
): FeatureSchema | undefined {
  const text = metadata[gyreMetadataKeys.features];
  if (text === undefined) return undefined;
  return checkFeatureSchema(
    parse(gyreMetadataKeys.features, text),
    inputNames,
    `metadata_props '${gyreMetadataKeys.features}'`,
  );
}

/** Reads and checks `gyre.classes`; undefined when absent. */
export function readClassLabels(metadata: Record<string, string>): string[] | undefined {
  const text = metadata[gyreMetadataKeys.classes];
  if (text === undefined) return undefined;
  return checkClassLabels(
    parse(gyreMetadataKeys.classes, text),
    `metadata_props '${gyreMetadataKeys.classes}'`,
  );
}

export function checkFeatureSchema(
  value: unknown,
  inputNames: string[],
  where: string,
): FeatureSchema {
  if (!Array.isArray(value))
    throw invalidParameter(`${where} must be a JSON array of {name, type, input}`);
  const names = new Set<string>();
  return value.map((entry, i) => {
    const { name, type, input, parts } = (entry ?? {}) as Record<string, unknown>;
    if (typeof name !== 'string' || name === '')
      throw invalidParameter(`${where}[${i}].name must be a non-empty string`);
    if (names.has(name)) throw invalidParameter(`${where} names column '${name}' twice`);
    names.add(name);
    if (typeof type !== 'string' || !(featureTypes as readonly string[]).includes(type)) {
      throw invalidParameter(`${where}[${i}].type must be one of ${featureTypes.join(', ')}`);
    }
    const target = input === undefined ? name : input;
    if (typeof target !== 'string' || target === '')
      throw invalidParameter(`${where}[${i}].input must be a non-empty string`);
    const spec: FeatureSpec = { name, type: type as FeatureSpec['type'], input: target };
    if (parts !== undefined) spec.parts = checkParts(parts, type, `${where}[${i}].parts`);
    for (const needed of featureInputs(spec)) {
      if (!inputNames.includes(needed)) {
        throw invalidParameter(
          `${where}[${i}] feeds input '${needed}', which the model does not have (inputs: ${inputNames.join(', ')})`,
        );
      }
    }
    return spec;
  });
}

function checkParts(parts: unknown, type: unknown, where: string): DatetimePart[] {
  if (type !== 'datetime') throw invalidParameter(`${where} is only for datetime features`);
  if (
    !Array.isArray(parts) ||
    parts.length === 0 ||
    parts.some((part) => !(datetimeParts as readonly unknown[]).includes(part)) ||
    new Set(parts).size !== parts.length
  ) {
    throw invalidParameter(`${where} must list distinct parts among ${datetimeParts.join(', ')}`);
  }
  return parts as DatetimePart[];
}

export function checkClassLabels(value: unknown, where: string): string[] {
  if (
    !Array.isArray(value) ||
    value.some((label) => typeof label !== 'string' && typeof label !== 'number')
  ) {
    throw invalidParameter(`${where} must be a JSON array of class labels`);
  }
  return value.map(String);
}

function parse(key: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalidParameter(`metadata_props '${key}' is not valid JSON`);
  }
}
