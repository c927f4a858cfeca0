import type { ColumnType } from '../tabular/index.js';
import type { ColumnRules } from './dataset-spec.js';
import { specError, type SpecLocation } from './spec-error.js';
import { describeValue, isDatetimeText } from './spec-values.js';

/**
 * Where a column's type came from, said in errors so the fix is clear: pinned in the spec,
 * inferred from the file, or taken from a stored schema (a contract built by hand or read back).
 */
export type TypeOrigin = 'pinned' | 'inferred' | 'schema';

const originText: Record<TypeOrigin, string> = {
  pinned: 'pinned',
  inferred: 'inferred from the file',
  schema: 'in the schema',
};

/**
 * Checks that a column's rules suit its type: bounds are numbers for integer/float columns and
 * ISO 8601 text for datetime ones (other types have no order a person means), allowed values
 * are of the type, and `regex` is on a string column only, because the text of a number or date
 * depends on the file format (CSV keeps "007", Parquet holds 7). Throws INVALID_PARAMETER_VALUE.
 */
export function checkRulesForType(
  column: string,
  type: ColumnType,
  rules: ColumnRules,
  source: string,
  origin: TypeOrigin,
): void {
  const typeNote = `the column is ${type} (${originText[origin]})`;
  for (const rule of ['min', 'max'] as const) {
    const bound = rules[rule];
    if (bound === undefined) continue;
    const where = { source, column, rule };
    if (type === 'string' || type === 'boolean') {
      const fix = origin === 'inferred' ? 'pin a numeric or datetime type' : 'remove the rule';
      throw specError(
        'rule_not_applicable',
        `${rule} applies to integer, float and datetime columns; ${typeNote}; ${fix}`,
        where,
      );
    }
    if (type === 'datetime' ? !isDatetimeText(bound) : typeof bound !== 'number') {
      const wanted = type === 'datetime' ? 'ISO 8601 text like "2012-01-01"' : 'a number';
      throw specError(
        'wrong_value_type',
        `expected ${wanted} because ${typeNote}, got ${describeValue(bound)}`,
        where,
      );
    }
  }
  if (rules.allowed !== undefined)
    checkAllowed(rules.allowed, type, typeNote, { source, column, rule: 'allowed' });
  if (rules.regex !== undefined && type !== 'string') {
    throw specError(
      'rule_not_applicable',
      `regex applies to string columns, whose text is the same in every file format; ${typeNote}; pin "type": "string" to match the values as text`,
      { source, column, rule: 'regex' },
    );
  }
}

function checkAllowed(
  allowed: readonly unknown[],
  type: ColumnType,
  typeNote: string,
  where: SpecLocation,
): void {
  const fits: Record<ColumnType, (value: unknown) => boolean> = {
    integer: (value) => Number.isSafeInteger(value),
    float: (value) => typeof value === 'number',
    boolean: (value) => typeof value === 'boolean',
    datetime: isDatetimeText,
    string: (value) => typeof value === 'string',
  };
  const wanted: Record<ColumnType, string> = {
    integer: 'integers',
    float: 'numbers',
    boolean: 'true or false',
    datetime: 'ISO 8601 texts like "2012-01-01"',
    string: 'texts (quote numbers, e.g. "94110")',
  };
  const index = allowed.findIndex((value) => !fits[type](value));
  if (index >= 0) {
    throw specError(
      'wrong_value_type',
      `values must be ${wanted[type]} because ${typeNote}; value ${index + 1} is ${describeValue(allowed[index])}`,
      where,
    );
  }
}
