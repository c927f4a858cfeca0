import { invalidParameter } from '../core/errors/index.js';
import type { Activation } from './models/model.js';

export const modelKinds = ['ridge', 'logistic', 'mlp'] as const;
export type ModelKind = (typeof modelKinds)[number];

export interface RidgeParams {
  alpha: number;
}
export interface LogisticParams {
  C: number;
  max_iter: number;
  tol: number;
}
export interface MlpParams {
  hidden_layers: number[];
  activation: Activation;
  alpha: number;
  learning_rate: number;
  batch_size: number;
  max_epochs: number;
  tol: number;
  n_iter_no_change: number;
  early_stopping: boolean;
  validation_fraction: number;
}

/** Defaults follow scikit-learn's, so a Gyre model and the scikit-learn pipeline compare like for like. */
const defaults = {
  ridge: { alpha: 1 },
  logistic: { C: 1, max_iter: 500, tol: 1e-4 },
  mlp: {
    hidden_layers: [64],
    activation: 'relu',
    alpha: 1e-4,
    learning_rate: 1e-3,
    batch_size: 200,
    max_epochs: 1000,
    tol: 1e-4,
    n_iter_no_change: 10,
    early_stopping: false,
    validation_fraction: 0.1,
  },
} as const;

export type ModelParams = { ridge: RidgeParams; logistic: LogisticParams; mlp: MlpParams };

/** Reads `key=value` params (strings from the CLI or typed values) for a model, refusing unknown keys. */
export function resolveParams<K extends ModelKind>(
  kind: K,
  given: Record<string, unknown> = {},
): ModelParams[K] {
  const base: Record<string, unknown> = { ...defaults[kind] };
  for (const [key, raw] of Object.entries(given)) {
    if (!Object.hasOwn(base, key)) {
      throw invalidParameter(
        `unknown param '${key}' for ${kind}; it takes ${Object.keys(base).join(', ')}`,
      );
    }
    base[key] = convert(kind, key, raw, base[key]);
  }
  return base as unknown as ModelParams[K];
}

function convert(kind: string, key: string, raw: unknown, example: unknown): unknown {
  const fail = (expected: string) =>
    invalidParameter(`param ${key} of ${kind} must be ${expected}, got ${JSON.stringify(raw)}`);
  if (Array.isArray(example)) {
    const sizes = Array.isArray(raw)
      ? raw.map(Number)
      : String(raw)
          .split(/[,\s]+/)
          .filter(Boolean)
          .map(Number);
    if (sizes.length === 0 || sizes.some((n) => !Number.isInteger(n) || n < 1 || n > 4096))
      throw fail('layer sizes such as 64 or 128,64');
    return sizes;
  }
  if (typeof example === 'boolean') {
    if (raw === true || raw === 'true' || raw === '1') return true;
    if (raw === false || raw === 'false' || raw === '0') return false;
    throw fail('true or false');
  }
  if (typeof example === 'string') {
    if (raw !== 'relu' && raw !== 'tanh') throw fail('relu or tanh');
    return raw;
  }
  const value = typeof raw === 'number' ? raw : Number(String(raw).trim());
  if (!Number.isFinite(value) || value < 0) throw fail('a non-negative number');
  if (
    Number.isInteger(example) &&
    ['max_iter', 'batch_size', 'max_epochs', 'n_iter_no_change'].includes(key)
  ) {
    if (!Number.isInteger(value) || value < 1) throw fail('a positive integer');
  }
  if (key === 'validation_fraction' && !(value > 0 && value < 1)) throw fail('between 0 and 1');
  if ((key === 'C' || key === 'learning_rate') && value === 0) throw fail('greater than 0');
  return value;
}
