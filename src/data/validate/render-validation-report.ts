import type { FailureExample, ValidationReport } from './validation-report.js';

const headers = ['column', 'rule', 'expected', 'failing', 'examples'];
const widest = { column: 30, expected: 40, value: 24 };

/**
 * A validation report as text for a terminal: a verdict line, then one row per failure (column,
 * rule, expected, failing count, examples as `row N: value`), then the extra columns. Long names
 * and values are shortened with "…"; the JSON report has them whole.
 */
export function renderValidationReport(report: ValidationReport): string {
  const { rows, columns_checked: checked, failures } = report;
  const scope = `${rows} ${rows === 1 ? 'row' : 'rows'}, ${checked} ${checked === 1 ? 'column' : 'columns'} checked`;
  const lines = [
    report.valid
      ? `valid: ${scope}, every rule passed`
      : `invalid: ${failures.length} ${failures.length === 1 ? 'rule' : 'rules'} failed (${scope})`,
  ];
  if (failures.length > 0) {
    const table = failures.map((failure) => [
      shorten(failure.column, widest.column),
      failure.rule,
      shorten(failure.expected, widest.expected),
      String(failure.failing_count),
      failure.examples.map(exampleText).join(', '),
    ]);
    lines.push('', ...alignColumns([headers, ...table]));
  }
  if (report.extra_columns.length > 0) {
    const verdict = failures.some((failure) => failure.rule === 'extra_columns')
      ? 'refused'
      : 'allowed';
    const names = report.extra_columns.map((name) => shorten(name, widest.column)).join(', ');
    lines.push('', `extra columns (not in the schema, ${verdict}): ${names}`);
  }
  return lines.join('\n');
}

function exampleText({ row, value }: FailureExample): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return `row ${row}: ${shorten(text, widest.value)}`;
}

/** Text on one line (control characters escaped), at most `max` characters. */
function shorten(text: string, max: number): string {
  // eslint-disable-next-line no-control-regex
  const oneLine = text.replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1));
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

/** Pads each column to its widest cell; the count column (index 3) is right-aligned. */
function alignColumns(rows: string[][]): string[] {
  const widths = headers.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows.map((row) =>
    row
      .map((cell, i) => (i === 3 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
}
