/**
 * A class label: what a classifier predicts. The labels of one call are all strings, all numbers
 * (whole numbers: sklearn takes fractional values for a regression target and rejects them) or
 * all booleans.
 */
export type Label = string | number | boolean;

/**
 * Orders labels as numpy does, which decides sklearn's default class order (confusion matrix
 * rows, `macro` averages, the positive class of ROC-AUC): numbers numerically, `false` before
 * `true`, strings by Unicode code point. Plain `<` on JS strings compares UTF-16 code units,
 * which puts astral characters (emoji) before U+E000–U+FFFF.
 */
export function compareLabels(a: Label, b: Label): number {
  if (typeof a === 'string' && typeof b === 'string') return compareCodePoints(a, b);
  // A mix never passes validation; it still needs a consistent order: non-strings first.
  if (typeof a === 'string') return 1;
  if (typeof b === 'string') return -1;
  return Number(a) - Number(b);
}

function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

/** Moves surrogates (D800–DFFF, i.e. astral code points) above E000–FFFF, keeping each group's order. */
function codePointRank(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  return unit >= 0xe000 ? unit - 0x800 : unit;
}

/** The distinct labels of all the given arrays, sorted as numpy's `unique` would. */
export function sortedUniqueLabels(...arrays: readonly (readonly Label[])[]): Label[] {
  const seen = new Set<Label>();
  for (const values of arrays) for (const value of values) seen.add(value);
  return [...seen].sort(compareLabels);
}

/** A label for messages: strings quoted so `'1'` and `1` read differently. */
export function showLabel(label: unknown): string {
  return typeof label === 'string' ? JSON.stringify(label) : String(label);
}
