import { invalidParameter } from '../core/errors/index.js';
import { type Label, showLabel } from './labels.js';
import { checkArray, checkFinite, checkLabels, checkPaired } from './validate.js';

/**
 * Checks a score matrix against its classes: one row per sample, one column per class in
 * `classes` order, at least two distinct classes of yTrue's kind, and every true label among them
 * (sklearn would silently score an unknown label as zero in log loss).
 */
export function checkProbabilityInputs(
  yTrue: readonly Label[],
  proba: readonly (readonly number[])[],
  classes: readonly Label[],
): void {
  checkPaired('yTrue', yTrue, 'proba', proba);
  const kind = checkLabels('yTrue', yTrue);
  checkArray('classes', classes);
  if (checkLabels('classes', classes) !== kind) {
    throw invalidParameter(`classes must be ${kind} labels like yTrue`, { field: 'classes' });
  }
  if (classes.length < 2) {
    throw invalidParameter('classes must list at least two classes', { field: 'classes' });
  }
  if (new Set(classes).size !== classes.length) {
    throw invalidParameter('classes lists a class twice', { field: 'classes' });
  }
  proba.forEach((row, i) => {
    const field = `proba[${i}]`;
    checkArray(field, row);
    if (row.length !== classes.length) {
      throw invalidParameter(
        `${field} has ${row.length} values but there are ${classes.length} classes`,
        { field: 'proba', index: i },
      );
    }
    checkFinite(field, row);
  });
  const known = new Set(classes);
  const unknown = yTrue.findIndex((label) => !known.has(label));
  if (unknown >= 0) {
    throw invalidParameter(
      `yTrue[${unknown}] is ${showLabel(yTrue[unknown])}, which is not one of classes`,
      { field: 'yTrue', index: unknown },
    );
  }
}
