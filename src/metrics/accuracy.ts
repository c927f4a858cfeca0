import type { Label } from './labels.js';
import { checkLabelPairs } from './validate.js';

/** The fraction of predictions equal to the true label (sklearn `accuracy_score`). */
export function accuracy(yTrue: readonly Label[], yPred: readonly Label[]): number {
  checkLabelPairs(yTrue, yPred);
  let correct = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) correct++;
  return correct / yTrue.length;
}
