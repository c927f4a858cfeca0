import { specError, type DatasetContract } from '../schema/index.js';
import type { TableChunk } from '../tabular/index.js';
import { ColumnChecker } from './column-checker.js';
import { compileRules } from './compile-rules.js';
import type { ValidationFailure, ValidationReport } from './validation-report.js';

/**
 * Checks a file, chunk by chunk, against a contract (`resolveDatasetSpec`): schema columns
 * missing from the file, columns outside the schema, each value's type, missing values in
 * non-nullable columns, and every expectation. Memory stays at one chunk plus a few examples per
 * rule, except for `unique`, which keeps the column's distinct values. Breaking rules is what the
 * report is for; only a bad contract (INVALID_PARAMETER_VALUE) or an unreadable file throws.
 */
export async function validateDataset(
  chunks: AsyncIterable<TableChunk>,
  contract: DatasetContract,
): Promise<ValidationReport> {
  const checkers = checkersFor(contract);
  const known = new Set(checkers.map((checker) => checker.column.name));
  const extra = new Set<string>();
  let rows = 0;
  for await (const chunk of chunks) {
    for (const name of chunk.columns) if (!known.has(name)) extra.add(name);
    for (const checker of checkers) {
      const name = checker.column.name;
      const cells = Object.hasOwn(chunk.values, name) ? chunk.values[name] : undefined;
      if (cells) checker.check(cells, chunk.rowOffset);
      else checker.absent(chunk.rowOffset, chunk.rowCount);
    }
    rows += chunk.rowCount;
  }
  const failures = checkers.flatMap((checker) => checker.failures(rows));
  if (contract.extra_columns === 'fail')
    failures.push(...[...extra].map((name) => extraColumn(name, rows)));
  return {
    valid: failures.length === 0,
    rows,
    columns_checked: checkers.filter((checker) => checker.seen).length,
    extra_columns: [...extra],
    failures,
  };
}

function checkersFor(contract: DatasetContract): ColumnChecker[] {
  const expectations = new Map(Object.entries(contract.expectations ?? {}));
  const checkers = contract.schema.columns.map(
    (column) => new ColumnChecker(column, compileRules(column, expectations.get(column.name))),
  );
  const names = new Set(contract.schema.columns.map((column) => column.name));
  for (const name of expectations.keys()) {
    if (!names.has(name)) {
      throw specError(
        'unknown_column',
        'the contract has expectations for a column its schema lacks',
        {
          source: 'dataset contract',
          column: name,
        },
      );
    }
  }
  return checkers;
}

function extraColumn(name: string, rows: number): ValidationFailure {
  return {
    column: name,
    rule: 'extra_columns',
    expected: 'no column outside the schema',
    failing_count: rows,
    examples: [],
  };
}
