import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { isGyreError } from '../../core/errors/index.js';
import type { Label } from '../labels.js';

/**
 * test/fixtures/metrics.json, written by scripts/fixtures/metrics.py from scikit-learn 1.2.1
 * (`npm run fixtures:metrics`). The script's docstring describes the layout.
 */
export interface SklearnFixture {
  versions: { sklearn: string; numpy: string; scipy: string };
  labelCases: LabelCase[];
  scoreCases: ScoreCase[];
  probaCases: ProbaCase[];
  regressionCases: RegressionCase[];
  errorCases: ErrorCase[];
}

/** Where sklearn raised, or warned and returned NaN: Gyre must throw INVALID_PARAMETER_VALUE. */
export interface SklearnError {
  error: string;
  sklearn: 'raises' | 'nan';
}

export type Expected<T> = T | SklearnError;

export interface LabelCase {
  name: string;
  yTrue: Label[];
  yPred: Label[];
  /** The positive class of the `binary/…` entries; null when the case has none. */
  posLabel: Label | null;
  /** `accuracy`, `confusionMatrix`, `confusionMatrixLabels` and `<average>/zeroDivision=<0|1>`. */
  expected: Record<string, Expected<number | PrecisionRecallF1 | ConfusionMatrix>>;
}

export interface PrecisionRecallF1 {
  precision: number;
  recall: number;
  f1: number;
}

export interface ConfusionMatrix {
  labels: Label[];
  matrix: number[][];
}

export interface ScoreCase {
  name: string;
  yTrue: Label[];
  scores: number[];
  posLabel: Label;
  expected: { rocAuc: Expected<number>; averagePrecision: Expected<number> };
}

export interface ProbaCase {
  name: string;
  yTrue: Label[];
  classes: Label[];
  proba: number[][];
  /** `logLoss`, `logLoss/eps=1e-15`, `logLoss/vector`, `rocAucOvr/<avg>`, `averagePrecisionOvr/<avg>`. */
  expected: Record<string, Expected<number>>;
}

export interface RegressionCase {
  name: string;
  yTrue: number[];
  yPred: number[];
  /** Keyed by the name of the Gyre function. */
  expected: Record<string, Expected<number>>;
}

export interface ErrorCase {
  name: string;
  /** The Gyre function to call, with `args` and then `options` (Gyre's option names). */
  metric: string;
  args: unknown[];
  options: Record<string, unknown>;
  sklearn: SklearnError;
}

/** The difference allowed between a Gyre value and sklearn's. */
export const tolerance = 1e-9;

export function loadSklearnFixture(): SklearnFixture {
  const url = new URL('../../../test/fixtures/metrics.json', import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8'), decodeFloats) as SklearnFixture;
}

/** JSON cannot hold NaN or infinities; the script writes them as {"$float": "nan" | "inf" | "-inf"}. */
function decodeFloats(_key: string, value: unknown): unknown {
  if (typeof value !== 'object' || value === null || !('$float' in value)) return value;
  const special: Record<string, number> = { nan: NaN, inf: Infinity, '-inf': -Infinity };
  return special[String(value.$float)];
}

export function isSklearnError(expected: unknown): expected is SklearnError {
  return typeof expected === 'object' && expected !== null && 'error' in expected;
}

/** |actual − expected| ≤ 1e-9, with both values in the failure message. */
export function expectClose(actual: number, expected: number, what: string): void {
  const difference = Math.abs(actual - expected);
  expect(
    difference <= tolerance,
    `${what}: Gyre ${actual}, sklearn ${expected} (difference ${difference})`,
  ).toBe(true);
}

/** `compute` must throw an INVALID_PARAMETER_VALUE GyreError; returns its message. */
export function expectInvalid(compute: () => unknown, what: string): string {
  let thrown: unknown;
  try {
    const value = compute();
    expect.fail(`${what}: expected INVALID_PARAMETER_VALUE, got ${JSON.stringify(value)}`);
  } catch (error) {
    thrown = error;
  }
  if (!isGyreError(thrown)) throw thrown;
  expect(thrown.code, what).toBe('INVALID_PARAMETER_VALUE');
  return thrown.message;
}

/**
 * Checks `compute` against sklearn's outcome: the value within the tolerance, or an
 * INVALID_PARAMETER_VALUE where sklearn raised or gave NaN.
 */
export function expectSklearn(
  compute: () => number,
  expected: Expected<number> | undefined,
  what: string,
): void {
  if (expected === undefined) throw new Error(`${what}: the fixture has no such entry`);
  if (isSklearnError(expected)) expectInvalid(compute, `${what} (sklearn: ${expected.error})`);
  else expectClose(compute(), expected, what);
}
