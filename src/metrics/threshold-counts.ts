/** Cumulative counts of a ranking, cut after each distinct score, highest score first. */
export interface ThresholdCounts {
  /** Negatives scored at or above each threshold. */
  falsePositives: number[];
  /** Positives scored at or above each threshold. */
  truePositives: number[];
}

/**
 * sklearn's `_binary_clf_curve`: samples sorted by decreasing score, with equal scores kept
 * together at one threshold, so ties count as neither ranked above nor below each other.
 */
export function thresholdCounts(
  positive: readonly boolean[],
  scores: readonly number[],
): ThresholdCounts {
  const order = scores.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  const counts: ThresholdCounts = { falsePositives: [], truePositives: [] };
  let tp = 0;
  for (let k = 0; k < order.length; k++) {
    if (positive[order[k]!]) tp++;
    const next = order[k + 1];
    // `!==` treats 0 and -0 as one score, as numpy's `diff` does.
    if (next === undefined || scores[next] !== scores[order[k]!]) {
      counts.truePositives.push(tp);
      counts.falsePositives.push(k + 1 - tp);
    }
  }
  return counts;
}
