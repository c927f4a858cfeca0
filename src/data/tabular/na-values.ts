/**
 * Text that means "missing" in CSV/TSV: pandas' default `na_values` (pandas 1.5
 * `STR_NA_VALUES`) plus `None`, which pandas added in 2.0. Matching is exact and case-sensitive,
 * like pandas: `NA` is missing, `na` and ` NA` are text.
 */
export const csvNaValues: ReadonlySet<string> = new Set([
  '',
  '#N/A',
  '#N/A N/A',
  '#NA',
  '-1.#IND',
  '-1.#QNAN',
  '-NaN',
  '-nan',
  '1.#IND',
  '1.#QNAN',
  '<NA>',
  'N/A',
  'NA',
  'NULL',
  'NaN',
  'None',
  'n/a',
  'nan',
  'null',
]);

/** The cell a CSV field becomes: null when it is one of the NA spellings, else the text as is. */
export function csvCell(field: string): string | null {
  // Every NA spelling is at most 8 characters; skip the set lookup for longer text.
  return field.length <= 8 && csvNaValues.has(field) ? null : field;
}
