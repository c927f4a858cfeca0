import {
  checkRulesForType,
  instantOf,
  parseColumnSpec,
  type ColumnRules,
  type SchemaColumn,
} from '../schema/index.js';
import type { ColumnType } from '../tabular/index.js';
import type { TypedValue } from './typed-value.js';

/** A column's rules in the form the per-value loop tests cheaply. */
export interface CompiledRules {
  required: boolean;
  min?: Bound;
  max?: Bound;
  allowed?: { values: ReadonlySet<TypedValue>; expected: string };
  regex?: RegExp;
  unique: boolean;
}

interface Bound {
  /** A number, or epoch milliseconds for a datetime column. */
  value: number;
  expected: string;
}

const listedAllowed = 10;

/**
 * Checks the rules as a spec's are checked, and that they suit the column's type, so a contract
 * built by hand or read back from storage gets the same errors as a parsed spec rather than a
 * stray SyntaxError; then turns bounds and allowed values into the typed values cells are read as.
 */
export function compileRules(
  column: SchemaColumn,
  unchecked: ColumnRules = {},
  source = 'dataset contract',
): CompiledRules {
  const rules = parseColumnSpec(column.name, unchecked, source);
  checkRulesForType(column.name, column.type, rules, source, 'schema');
  const compiled: CompiledRules = {
    required: rules.required ?? true,
    unique: rules.unique ?? false,
  };
  if (rules.min !== undefined) compiled.min = bound('>=', rules.min);
  if (rules.max !== undefined) compiled.max = bound('<=', rules.max);
  if (rules.allowed !== undefined) {
    const values = new Set(rules.allowed.map((value) => typed(value, column.type)));
    const listed = rules.allowed.slice(0, listedAllowed).map((value) => JSON.stringify(value));
    const more = rules.allowed.length > listedAllowed ? `, … (${rules.allowed.length} values)` : '';
    compiled.allowed = { values, expected: `one of ${listed.join(', ')}${more}` };
  }
  // Unicode mode as when the spec was parsed; no `g` flag, whose `lastIndex` makes `test` stateful.
  if (rules.regex !== undefined) compiled.regex = new RegExp(rules.regex, 'u');
  return compiled;
}

function bound(sign: string, value: number | string): Bound {
  return {
    value: typeof value === 'number' ? value : instantOf(value),
    expected: `${sign} ${value}`,
  };
}

/** An allowed value as cells of the type are read (datetimes as epoch milliseconds). */
function typed(value: string | number | boolean, type: ColumnType): TypedValue {
  return type === 'datetime' ? instantOf(value as string) : value;
}
