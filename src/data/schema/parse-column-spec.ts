import type { ColumnType } from '../tabular/index.js';
import { didYouMean } from './closest-name.js';
import { columnSpecKeys, type ColumnSpec, type ColumnSpecKey } from './dataset-spec.js';
import { checkRulesForType } from './rules-for-type.js';
import { specError } from './spec-error.js';
import { describeValue, instantOf, isDatetimeText, isPlainObject } from './spec-values.js';

const columnTypes: readonly ColumnType[] = ['integer', 'float', 'boolean', 'datetime', 'string'];

/**
 * One column of a spec, checked key by key. `null` (a bare `delay:` in YAML) is a column with no
 * rules, which only requires the column to be there. Throws INVALID_PARAMETER_VALUE naming the
 * column and rule.
 */
export function parseColumnSpec(column: string, raw: unknown, source: string): ColumnSpec {
  if (raw === null) return {};
  if (!isPlainObject(raw)) {
    throw specError(
      'wrong_value_type',
      `expected an object of rules like {"type": "integer", "min": 0}, got ${describeValue(raw)}`,
      { source, column },
    );
  }
  const spec: ColumnSpec = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!(columnSpecKeys as readonly string[]).includes(key)) {
      throw specError(
        'unknown_rule',
        `unknown rule${didYouMean(key, columnSpecKeys)}; a column may have ${columnSpecKeys.join(', ')}`,
        { source, column, rule: key },
      );
    }
    Object.assign(spec, {
      [key]: parseRule(key as ColumnSpecKey, value, { source, column, rule: key }),
    });
  }
  checkBoundsOrder(column, spec, source);
  if (spec.type !== undefined) checkRulesForType(column, spec.type, spec, source, 'pinned');
  return spec;
}

interface Where {
  source: string;
  column: string;
  rule: string;
}

function parseRule(key: ColumnSpecKey, value: unknown, where: Where): ColumnSpec[ColumnSpecKey] {
  const wrong = (expected: string) =>
    specError('wrong_value_type', `expected ${expected}, got ${describeValue(value)}`, where);
  switch (key) {
    case 'type':
      if (typeof value !== 'string') throw wrong(`one of ${columnTypes.join(', ')}`);
      if (!(columnTypes as readonly string[]).includes(value)) {
        throw specError(
          'unknown_type',
          `unknown type ${JSON.stringify(value)}${didYouMean(value, columnTypes)}; use one of ${columnTypes.join(', ')}`,
          where,
        );
      }
      return value;
    case 'nullable':
    case 'unique':
    case 'required':
      if (typeof value !== 'boolean') throw wrong('true or false');
      return value;
    case 'min':
    case 'max':
      // A Date comes from an object spec built in code; stored specs keep ISO text.
      if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
      if ((typeof value === 'number' && Number.isFinite(value)) || isDatetimeText(value))
        return value;
      throw wrong('a finite number, or ISO 8601 text like "2012-01-01" for a datetime column');
    case 'allowed':
      return parseAllowed(value, where);
    case 'regex':
      if (typeof value !== 'string') throw wrong('a regular expression as text');
      try {
        new RegExp(value, 'u');
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw specError(
          'invalid_regex',
          `${JSON.stringify(value)} is not a valid regular expression: ${reason}`,
          where,
        );
      }
      return value;
  }
}

function parseAllowed(value: unknown, where: Where): (string | number | boolean)[] {
  if (!Array.isArray(value)) {
    throw specError(
      'wrong_value_type',
      `expected a list of values, got ${describeValue(value)}`,
      where,
    );
  }
  if (value.length === 0) {
    throw specError(
      'empty_allowed',
      'the list is empty, so no value could pass; list the values the column may hold',
      where,
    );
  }
  const index = value.findIndex(
    (item) =>
      typeof item !== 'string' &&
      typeof item !== 'boolean' &&
      !(typeof item === 'number' && Number.isFinite(item)),
  );
  if (index >= 0) {
    const hint = value[index] === null ? '; missing values are governed by "nullable"' : '';
    throw specError(
      'wrong_value_type',
      `values must be texts, numbers or booleans; value ${index + 1} is ${describeValue(value[index])}${hint}`,
      where,
    );
  }
  return value as (string | number | boolean)[];
}

/** min ≤ max when both are numbers or both datetimes; mixing the two is a mistake on its own. */
function checkBoundsOrder(column: string, spec: ColumnSpec, source: string): void {
  const { min, max } = spec;
  if (min === undefined || max === undefined) return;
  if (typeof min !== typeof max) {
    throw specError(
      'wrong_value_type',
      `min is ${describeValue(min)} and max is ${describeValue(max)}; both must be numbers or both datetimes`,
      { source, column, rule: 'max' },
    );
  }
  const order =
    typeof min === 'number' ? min - (max as number) : instantOf(min) - instantOf(max as string);
  if (order > 0) {
    throw specError(
      'min_greater_than_max',
      `min ${JSON.stringify(min)} is greater than max ${JSON.stringify(max)}, so no value could pass`,
      { source, column, rule: 'min' },
    );
  }
}
