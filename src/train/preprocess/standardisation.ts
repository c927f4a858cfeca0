/** Mean and scale of a column for (x − mean) / scale. */
export interface Standardisation {
  mean: number;
  scale: number;
}

/**
 * Mean and population standard deviation of the present (non-NaN) values, the missing ones
 * counted at the mean (as after mean imputation). A column that is constant up to rounding
 * gets scale 1, by scikit-learn's test (variance ≤ n·ε·variance + (n·mean·ε)²): otherwise a
 * constant 0.1 column would get a scale of 1e-17 from rounding noise and blow up at prediction.
 */
export function standardisation(values: Float64Array): Standardisation {
  let sum = 0;
  let count = 0;
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    sum += v;
    count += 1;
  }
  const mean = count === 0 ? 0 : sum / count;
  let squares = 0;
  for (const v of values) if (!Number.isNaN(v)) squares += (v - mean) ** 2;
  const n = values.length;
  const variance = n === 0 ? 0 : squares / n;
  const eps = Number.EPSILON;
  const constant = variance <= n * eps * variance + (n * mean * eps) ** 2;
  return { mean, scale: constant ? 1 : Math.sqrt(variance) };
}
