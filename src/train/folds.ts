import type { Random } from './random.js';

/**
 * k folds of row indices, shuffled; for classification, stratified so each fold keeps the class
 * proportions (each class's rows dealt round-robin after shuffling, as StratifiedKFold does).
 */
export function kFolds(n: number, k: number, random: Random, labels?: Int32Array): number[][] {
  const folds: number[][] = Array.from({ length: k }, () => []);
  if (!labels) {
    random.permutation(n).forEach((row, i) => folds[i % k]!.push(row));
    return folds.map((fold) => fold.sort((a, b) => a - b));
  }
  const byClass = new Map<number, number[]>();
  for (let row = 0; row < n; row += 1) {
    const rows = byClass.get(labels[row]!);
    if (rows) rows.push(row);
    else byClass.set(labels[row]!, [row]);
  }
  let next = 0;
  for (const rows of [...byClass.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, rows]) => random.shuffle(rows))) {
    for (const row of rows) folds[next++ % k]!.push(row);
  }
  return folds.map((fold) => fold.sort((a, b) => a - b));
}

/**
 * A train/test split holding out `testFraction` of the rows, rounded per class when labels are
 * given so each class keeps its share (as train_test_split with stratify).
 */
export function holdout(
  n: number,
  testFraction: number,
  random: Random,
  labels?: Int32Array,
): { train: number[]; test: number[] } {
  const groups = new Map<number, number[]>();
  for (let row = 0; row < n; row += 1) {
    const key = labels ? labels[row]! : 0;
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  const train: number[] = [];
  const test: number[] = [];
  for (const [, rows] of [...groups].sort(([a], [b]) => a - b)) {
    random.shuffle(rows);
    const held = Math.round(testFraction * rows.length);
    test.push(...rows.slice(0, held));
    train.push(...rows.slice(held));
  }
  return { train: train.sort((a, b) => a - b), test: test.sort((a, b) => a - b) };
}
