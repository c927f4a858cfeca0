import { didYouMean } from './closest-name.js';
import type { DatasetContract } from './dataset-contract.js';
import type { SchemaColumn } from './dataset-schema.js';
import type { ColumnRules, ColumnSpec, DatasetSpec } from './dataset-spec.js';
import { checkRulesForType } from './rules-for-type.js';
import { specError } from './spec-error.js';

/**
 * The contract a file is held to: the file's inferred columns (`ColumnTypeInfo[]` from
 * `ColumnTypeInferrer`, or a stored schema's columns) in file order, each with the spec's pinned
 * type and nullability where it gives them, plus the spec's expectations. Refuses
 * (INVALID_PARAMETER_VALUE) a spec column the file does not have — usually a typo, named with the
 * closest column — unless it says `"required": false` and pins its type, and rules that do not
 * suit an inferred type (`min` on a column inferred as string).
 */
export function resolveDatasetSpec(
  spec: DatasetSpec,
  inferred: readonly SchemaColumn[],
  source = 'dataset spec',
): DatasetContract {
  const specs = new Map(Object.entries(spec.columns));
  const columns: SchemaColumn[] = inferred.map(({ name, type, nullable }) => {
    const pinned = specs.get(name) ?? {};
    const origin = pinned.type === undefined ? 'inferred' : 'pinned';
    checkRulesForType(name, pinned.type ?? type, pinned, source, origin);
    return { name, type: pinned.type ?? type, nullable: pinned.nullable ?? nullable };
  });
  const names = inferred.map((column) => column.name);
  for (const [name, pinned] of specs) {
    if (names.includes(name)) continue;
    columns.push(absentColumn(name, pinned, names, source));
  }
  const expectations = [...specs]
    .map(([name, pinned]) => [name, rulesOf(pinned)] as const)
    .filter(([, rules]) => Object.keys(rules).length > 0);
  return {
    schema: { columns },
    expectations: Object.fromEntries(expectations),
    extra_columns: spec.extra_columns ?? 'allow',
  };
}

/** A spec column the file lacks: fine when it may be absent and its type is known. */
function absentColumn(
  name: string,
  pinned: ColumnSpec,
  names: readonly string[],
  source: string,
): SchemaColumn {
  const where = { source, column: name };
  if (pinned.required !== false) {
    throw specError(
      'unknown_column',
      `the file has no such column${didYouMean(name, names)}; its columns are ${listNames(names)}. Fix the name, or add "required": false (with a "type") for a column that may be absent`,
      where,
    );
  }
  if (pinned.type === undefined) {
    throw specError(
      'unknown_column',
      'the file has no such column, so its type cannot be inferred; pin a "type" for a column that may be absent',
      where,
    );
  }
  checkRulesForType(name, pinned.type, pinned, source, 'pinned');
  return { name, type: pinned.type, nullable: pinned.nullable ?? true };
}

/** The expectations of a column spec: everything but type and nullability, which the schema holds. */
function rulesOf(spec: ColumnSpec): ColumnRules {
  const { type: _type, nullable: _nullable, ...rules } = spec;
  return rules;
}

/** The file's column names for a message, the first 20 of a wide file. */
function listNames(names: readonly string[]): string {
  const listed = names.slice(0, 20).map((name) => JSON.stringify(name));
  return names.length > 20
    ? `${listed.join(', ')}, … (${names.length} columns)`
    : listed.join(', ');
}
