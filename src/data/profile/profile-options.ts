import { invalidParameter } from '../../core/errors/index.js';
import type { DatasetSchema, SchemaColumn } from '../schema/index.js';
import { KLL_K } from './kll-sketch.js';
import type { ProfileSettings } from './profile-format.js';

export interface ProfileOptions {
  /**
   * Pinned column types, used instead of inference. A value that does not fit its pinned type
   * is counted in the column's `invalid` and left out of its statistics (refusing such data is
   * the validator's job); columns the schema does not name are inferred.
   */
  schema?: DatasetSchema;
  /** Called after each chunk with the rows read so far in the current pass (1 or 2). */
  onProgress?: (rowsRead: number, pass: 1 | 2) => void;
  /** Histogram bins of numeric columns (default 20, fewer when quantiles coincide). */
  bins?: number;
  /** Most frequent categories listed in `top_k` (default 10). */
  topK?: number;
  /** Categories whose counts are kept for drift tests (default 1,000). */
  categories?: number;
  /** Values sampled per column (default 5,000; 0 for none). */
  reservoirSize?: number;
  /** Seed of the sampling and sketching randomness (default 0): same data and seed, same profile. */
  seed?: number;
  /** A numeric column's values are kept for exact quantiles up to this many (default 100,000). */
  exactLimit?: number;
  /** Distinct values counted exactly per column (default 10,000), numeric or categorical. */
  distinctLimit?: number;
}

export const PROFILE_DEFAULTS = {
  bins: 20,
  topK: 10,
  categories: 1000,
  reservoirSize: 5000,
  seed: 0,
  exactLimit: 100_000,
  distinctLimit: 10_000,
};

/** Bounds that keep a profile's memory and JSON size sane whatever the caller asks. */
const MAXIMUM = {
  bins: 10_000,
  topK: 100_000,
  categories: 100_000,
  reservoirSize: 1_000_000,
  seed: 2 ** 32 - 1,
  exactLimit: 10_000_000,
  distinctLimit: 1_000_000,
};
const MINIMUM = { bins: 1, topK: 0, categories: 0, reservoirSize: 0, seed: 0 };
const MINIMUM_LIMIT = 1;

/** The options with defaults filled in, checked; as recorded in the profile. */
export function profileSettings(options: ProfileOptions): ProfileSettings {
  const value = (name: keyof typeof MAXIMUM): number => {
    const given = options[name];
    const minimum = name in MINIMUM ? MINIMUM[name as keyof typeof MINIMUM] : MINIMUM_LIMIT;
    if (given === undefined) return PROFILE_DEFAULTS[name];
    if (!Number.isSafeInteger(given) || given < minimum || given > MAXIMUM[name]) {
      throw invalidParameter(
        `${name} must be an integer from ${minimum} to ${MAXIMUM[name]}, got ${String(given)}`,
        { reason: 'invalid_option', field: name },
      );
    }
    return given;
  };
  return {
    bins: value('bins'),
    top_k: value('topK'),
    categories: value('categories'),
    reservoir_size: value('reservoirSize'),
    seed: value('seed'),
    exact_limit: value('exactLimit'),
    distinct_limit: value('distinctLimit'),
    sketch_k: KLL_K,
  };
}

const COLUMN_TYPES = new Set(['integer', 'float', 'boolean', 'datetime', 'string']);

/** The pinned schema as name → column, refusing unknown types and repeated names. */
export function pinnedColumns(schema: DatasetSchema | undefined): Map<string, SchemaColumn> {
  const pinned = new Map<string, SchemaColumn>();
  for (const column of schema?.columns ?? []) {
    if (!COLUMN_TYPES.has(column.type)) {
      throw invalidParameter(
        `schema column "${column.name}" has type "${String(column.type)}"; use integer, float, boolean, datetime or string`,
        { reason: 'invalid_schema', field: 'schema', column: column.name },
      );
    }
    if (pinned.has(column.name)) {
      throw invalidParameter(`schema names column "${column.name}" twice`, {
        reason: 'invalid_schema',
        field: 'schema',
        column: column.name,
      });
    }
    pinned.set(column.name, column);
  }
  return pinned;
}
