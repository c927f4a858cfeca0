import { checkFinite, checkPaired } from './validate.js';

/** Regression metrics take two equally long, non-empty arrays of finite numbers. */
export function checkRegressionInputs(yTrue: readonly number[], yPred: readonly number[]): void {
  checkPaired('yTrue', yTrue, 'yPred', yPred);
  checkFinite('yTrue', yTrue);
  checkFinite('yPred', yPred);
}
