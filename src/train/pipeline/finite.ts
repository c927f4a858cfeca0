import { invalidParameter } from '../../core/errors/index.js';

/** Infinite values would make every statistic infinite and the model NaN; they are refused. */
export function finite(name: string, values: Float64Array): Float64Array {
  const row = values.findIndex((v) => v === Infinity || v === -Infinity);
  if (row >= 0)
    throw invalidParameter(
      `column '${name}' holds ${values[row]} (row ${row}); remove or cap infinite values before training`,
      { field: name, row },
    );
  return values;
}
