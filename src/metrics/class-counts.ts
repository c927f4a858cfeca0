import type { Label } from './labels.js';

/** Per-class tallies that precision, recall and F1 are computed from. */
export interface ClassCounts {
  /** Samples of the class predicted as the class. */
  truePositives: number[];
  /** Samples predicted as the class. */
  predicted: number[];
  /** Samples truly of the class (the class's support). */
  actual: number[];
}

/** Tallies for each of `labels`, in order; labels that never occur count zero. */
export function classCounts(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  labels: readonly Label[],
): ClassCounts {
  const index = new Map(labels.map((label, i) => [label, i]));
  const counts: ClassCounts = {
    truePositives: labels.map(() => 0),
    predicted: labels.map(() => 0),
    actual: labels.map(() => 0),
  };
  for (let i = 0; i < yTrue.length; i++) {
    const truth = index.get(yTrue[i]!);
    const guess = index.get(yPred[i]!);
    if (truth !== undefined) counts.actual[truth]!++;
    if (guess !== undefined) counts.predicted[guess]!++;
    if (truth !== undefined && truth === guess) counts.truePositives[truth]!++;
  }
  return counts;
}
