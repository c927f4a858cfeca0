import { invalidParameter } from '../core/errors/index.js';
import { type Label, showLabel } from './labels.js';

/**
 * Input checks shared by the metrics. Callers are often JavaScript fed from JSON, so the checks
 * do not trust the types: every bad input is an INVALID_PARAMETER_VALUE naming the field, never a
 * NaN result or a TypeError from deep inside a loop.
 */

/** Fails unless `values` is a non-empty array. */
export function checkArray(field: string, values: unknown): void {
  if (!Array.isArray(values) && !ArrayBuffer.isView(values)) {
    throw invalidParameter(`${field} must be an array`, { field });
  }
  if ((values as ArrayLike<unknown>).length === 0) {
    throw invalidParameter(`${field} is empty; a metric needs at least one sample`, { field });
  }
}

/** Fails unless both are non-empty arrays of the same length. */
export function checkPaired(first: string, a: unknown, second: string, b: unknown): void {
  checkArray(first, a);
  checkArray(second, b);
  const [m, n] = [(a as ArrayLike<unknown>).length, (b as ArrayLike<unknown>).length];
  if (m !== n) {
    throw invalidParameter(`${first} has ${m} samples but ${second} has ${n}`, {
      field: second,
    });
  }
}

/** Fails unless every value is a finite number (sklearn rejects NaN and infinity too). */
export function checkFinite(field: string, values: ArrayLike<unknown>): void {
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw invalidParameter(`${field}[${i}] is ${showLabel(value)}; expected a finite number`, {
        field,
        index: i,
      });
    }
  }
}

export type LabelKind = 'string' | 'number' | 'boolean';

/** The kind of the labels; fails on a value that is not a valid label, or on a mix of kinds. */
export function checkLabels(field: string, values: ArrayLike<unknown>): LabelKind {
  let kind: LabelKind | undefined;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    const valueKind = labelKindOf(value);
    if (valueKind === undefined) {
      throw invalidParameter(`${field}[${i}] is ${showLabel(value)}; ${labelRule(value)}`, {
        field,
        index: i,
      });
    }
    if (kind !== undefined && valueKind !== kind) {
      throw invalidParameter(`${field} mixes ${kind} and ${valueKind} labels (at index ${i})`, {
        field,
        index: i,
      });
    }
    kind = valueKind;
  }
  return kind ?? 'number';
}

/** Checks true and predicted labels: same length, valid, one kind between them. */
export function checkLabelPairs(yTrue: readonly Label[], yPred: readonly Label[]): LabelKind {
  checkPaired('yTrue', yTrue, 'yPred', yPred);
  const kind = checkLabels('yTrue', yTrue);
  const predictedKind = checkLabels('yPred', yPred);
  if (predictedKind !== kind) {
    throw invalidParameter(`yTrue holds ${kind} labels but yPred holds ${predictedKind} labels`, {
      field: 'yPred',
    });
  }
  return kind;
}

/** Fails unless `label` is a single valid label of the given kind. */
export function checkLabel(field: string, label: unknown, kind: LabelKind): void {
  if (labelKindOf(label) !== kind) {
    throw invalidParameter(`${field} is ${showLabel(label)}; expected a ${kind} label`, { field });
  }
}

/**
 * The positive class of precision, recall, F1 and average precision. sklearn's default is 1;
 * numpy compares `true` equal to 1, so boolean labels default to `true`. String labels have no
 * default: sklearn would reject 1 (or, with one label present, silently score nothing).
 */
export function positiveLabel(posLabel: Label | undefined, kind: LabelKind): Label {
  if (posLabel === undefined && kind === 'string') {
    throw invalidParameter('posLabel is required with string labels (the default 1 is a number)', {
      field: 'posLabel',
    });
  }
  const label = posLabel ?? (kind === 'boolean' ? true : 1);
  checkLabel('posLabel', label, kind);
  return label;
}

function labelKindOf(value: unknown): LabelKind | undefined {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  // sklearn calls fractional labels "continuous" (a regression target) and refuses them.
  return Number.isInteger(value) ? 'number' : undefined;
}

function labelRule(value: unknown): string {
  if (typeof value === 'number' && Number.isFinite(value)) {
    return 'number labels must be whole numbers (were probabilities or scores passed as labels?)';
  }
  return 'labels must be strings, whole numbers or booleans';
}
