import { parse as parseYaml } from 'yaml';
import { didYouMean } from './closest-name.js';
import { datasetSpecKeys, type ColumnSpec, type DatasetSpec } from './dataset-spec.js';
import { parseColumnSpec } from './parse-column-spec.js';
import { specError } from './spec-error.js';
import { describeValue, isPlainObject } from './spec-values.js';

/**
 * A dataset spec from the text of a spec file (JSON when `source` ends in `.json`, otherwise
 * YAML, which reads JSON too) or from an already-parsed object (a request body). `source` names
 * it in errors. Refuses anything it does not understand — an unknown rule, a value of the wrong
 * type, an invalid regex, min > max — with GyreError INVALID_PARAMETER_VALUE whose
 * `details.reason` is a `SpecProblem` and whose message names the column and rule, because a
 * rule silently ignored is a check the user believes in that never runs.
 */
export function parseDatasetSpec(input: unknown, source = 'dataset spec'): DatasetSpec {
  const raw = typeof input === 'string' ? parseText(input, source) : input;
  if (!isPlainObject(raw)) {
    throw specError(
      'wrong_value_type',
      `a spec is an object like {"columns": {"delay": {"type": "integer"}}}, got ${describeValue(raw)}`,
      { source },
    );
  }
  for (const key of Object.keys(raw)) {
    if (!(datasetSpecKeys as readonly string[]).includes(key)) {
      throw specError(
        'unknown_field',
        `unknown field ${JSON.stringify(key)}${didYouMean(key, datasetSpecKeys)}; a spec has ${datasetSpecKeys.join(' and ')}`,
        { source },
      );
    }
  }
  const spec: DatasetSpec = { columns: parseColumns(raw.columns, source) };
  if (raw.extra_columns !== undefined) {
    if (raw.extra_columns !== 'allow' && raw.extra_columns !== 'fail') {
      throw specError(
        'wrong_value_type',
        `extra_columns must be "allow" or "fail", got ${describeValue(raw.extra_columns)}`,
        { source },
      );
    }
    spec.extra_columns = raw.extra_columns;
  }
  return spec;
}

function parseText(text: string, source: string): unknown {
  const json = source.toLowerCase().endsWith('.json');
  let raw: unknown;
  try {
    raw = json ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw specError('malformed_spec', `is not valid ${json ? 'JSON' : 'YAML'}: ${reason}`, {
      source,
    });
  }
  // An empty file is more likely a truncated write than a wish for no checks.
  if (raw === null || raw === undefined) {
    throw specError('malformed_spec', 'is empty; a spec holds at least {"columns": {}}', {
      source,
    });
  }
  return raw;
}

/** Column name → spec; built with `fromEntries` so a column named `__proto__` stays a column. */
function parseColumns(raw: unknown, source: string): Record<string, ColumnSpec> {
  if (raw === undefined) return {};
  if (!isPlainObject(raw)) {
    throw specError(
      'wrong_value_type',
      `columns must be an object of column name to rules, like {"delay": {"min": 0}}, got ${describeValue(raw)}`,
      { source },
    );
  }
  return Object.fromEntries(
    Object.entries(raw).map(([column, rules]) => [column, parseColumnSpec(column, rules, source)]),
  );
}
