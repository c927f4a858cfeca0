import { describe, expect, it } from 'vitest';
import { renderValidationReport } from './render-validation-report.js';
import type { ValidationReport } from './validation-report.js';

describe('renderValidationReport', () => {
  it('prints a verdict, a table of failures and the extra columns', () => {
    const report: ValidationReport = {
      valid: false,
      rows: 1461,
      columns_checked: 6,
      extra_columns: ['notes'],
      failures: [
        {
          column: 'delay',
          rule: 'type',
          expected: 'integer',
          failing_count: 12,
          examples: [
            { row: 3, value: 'n/a ' },
            { row: 100, value: '?' },
          ],
        },
        {
          column: 'origin',
          rule: 'allowed',
          expected: 'one of "SFO", "LAX"',
          failing_count: 1,
          examples: [{ row: 7, value: 'JFK' }],
        },
        {
          column: 'gone',
          rule: 'required',
          expected: 'column present',
          failing_count: 1461,
          examples: [],
        },
      ],
    };
    expect(renderValidationReport(report)).toBe(
      [
        'invalid: 3 rules failed (1461 rows, 6 columns checked)',
        '',
        'column  rule      expected             failing  examples',
        'delay   type      integer                   12  row 3: "n/a ", row 100: "?"',
        'origin  allowed   one of "SFO", "LAX"        1  row 7: "JFK"',
        'gone    required  column present          1461',
        '',
        'extra columns (not in the schema, allowed): notes',
      ].join('\n'),
    );
  });

  it('says a valid report passed, in the singular where it applies', () => {
    const report: ValidationReport = {
      valid: true,
      rows: 1,
      columns_checked: 1,
      extra_columns: [],
      failures: [],
    };
    expect(renderValidationReport(report)).toBe(
      'valid: 1 row, 1 column checked, every rule passed',
    );
  });

  it('shortens long values, escapes line breaks, shows non-text values bare and refused extras', () => {
    const report: ValidationReport = {
      valid: false,
      rows: 2,
      columns_checked: 1,
      extra_columns: ['x'],
      failures: [
        {
          column: 'line\nbreak',
          rule: 'max',
          expected: '<= 5',
          failing_count: 2,
          examples: [
            { row: 0, value: 'a'.repeat(40) },
            { row: 1, value: 9 },
          ],
        },
        {
          column: 'x',
          rule: 'extra_columns',
          expected: 'no column outside the schema',
          failing_count: 2,
          examples: [],
        },
      ],
    };
    const lines = renderValidationReport(report).split('\n');
    expect(lines[3]).toBe(
      `line\\nbreak  max            <= 5                                2  row 0: "${'a'.repeat(22)}…, row 1: 9`,
    );
    expect(lines.at(-1)).toBe('extra columns (not in the schema, refused): x');
  });
});
