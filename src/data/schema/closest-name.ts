/**
 * Names a person coming from Great Expectations, pandera or pandas may reach for, mapped to the
 * spec key or type that does the same, so an error can say what to write instead.
 */
const synonyms: Readonly<Record<string, string>> = {
  dtype: 'type',
  not_null: 'nullable',
  notnull: 'nullable',
  ge: 'min',
  minimum: 'min',
  min_value: 'min',
  le: 'max',
  maximum: 'max',
  max_value: 'max',
  in: 'allowed',
  isin: 'allowed',
  values: 'allowed',
  value_set: 'allowed',
  categories: 'allowed',
  enum: 'allowed',
  pattern: 'regex',
  str_matches: 'regex',
  match: 'regex',
  strict: 'extra_columns',
  int: 'integer',
  int64: 'integer',
  double: 'float',
  number: 'float',
  bool: 'boolean',
  date: 'datetime',
  timestamp: 'datetime',
  str: 'string',
  text: 'string',
  category: 'string',
};

/** The candidate `word` most likely meant (a known synonym, or at most a few typos away). */
export function closestName(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  const synonym = Object.hasOwn(synonyms, lower) ? synonyms[lower] : undefined;
  if (synonym !== undefined && candidates.includes(synonym)) return synonym;
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}

/** " (did you mean "x"?)" or "". */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const name = closestName(word, candidates);
  return name === undefined ? '' : ` (did you mean ${JSON.stringify(name)}?)`;
}

/** Edit distance counting a swap of neighbours as one edit ("flaot"), the commonest typo. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      }
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}
