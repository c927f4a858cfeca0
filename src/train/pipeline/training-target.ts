/** What a model learns to predict: class indices with their labels, or numbers. */
export type TrainingTarget =
  | { task: 'classification'; name: string; labels: Int32Array; classes: string[] }
  | { task: 'regression'; name: string; values: Float64Array };

export type Task = TrainingTarget['task'];
export const tasks: readonly Task[] = ['classification', 'regression'];

/** The target restricted to rows `indices` (classes keep their full list and order). */
export function selectTargetRows(
  target: TrainingTarget,
  indices: ArrayLike<number>,
): TrainingTarget {
  if (target.task === 'classification') {
    const labels = new Int32Array(indices.length);
    for (let i = 0; i < indices.length; i += 1) labels[i] = target.labels[indices[i]!]!;
    return { ...target, labels };
  }
  const values = new Float64Array(indices.length);
  for (let i = 0; i < indices.length; i += 1) values[i] = target.values[indices[i]!]!;
  return { ...target, values };
}

export function targetRows(target: TrainingTarget): number {
  return target.task === 'classification' ? target.labels.length : target.values.length;
}
