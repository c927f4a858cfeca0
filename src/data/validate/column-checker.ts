import type { SchemaColumn } from '../schema/index.js';
import type { Cell } from '../tabular/index.js';
import type { CompiledRules } from './compile-rules.js';
import { FailureTally } from './failure-tally.js';
import { cellReaders, type CellReader } from './typed-value.js';
import { UniqueValues } from './unique-values.js';
import type { ValidationFailure } from './validation-report.js';

/**
 * Checks one schema column chunk by chunk: each value's type, missing values, then the value
 * rules. A value of the wrong type fails `type` only, since its bounds or category mean nothing;
 * a missing value fails `nullable` only, as in Great Expectations and pandera, where value rules
 * skip nulls.
 */
export class ColumnChecker {
  /** The column was in at least one chunk. */
  seen = false;
  private readonly read: CellReader;
  private readonly type: FailureTally;
  private readonly nulls: FailureTally;
  private readonly min?: FailureTally;
  private readonly max?: FailureTally;
  private readonly allowed?: FailureTally;
  private readonly regex?: FailureTally;
  private readonly unique?: { tally: FailureTally; values: UniqueValues };

  constructor(
    readonly column: SchemaColumn,
    private readonly rules: CompiledRules,
  ) {
    const tally = (rule: ValidationFailure['rule'], expected: string) =>
      new FailureTally(column.name, rule, expected);
    this.read = cellReaders[column.type];
    this.type = tally('type', column.type);
    this.nulls = tally('nullable', 'not null');
    if (rules.min) this.min = tally('min', rules.min.expected);
    if (rules.max) this.max = tally('max', rules.max.expected);
    if (rules.allowed) this.allowed = tally('allowed', rules.allowed.expected);
    if (rules.regex) this.regex = tally('regex', `matches /${rules.regex.source}/`);
    if (rules.unique) {
      const uniqueTally = tally('unique', 'unique values');
      this.unique = { tally: uniqueTally, values: new UniqueValues(uniqueTally, column.type) };
    }
  }

  check(cells: readonly Cell[], rowOffset: number): void {
    this.seen = true;
    const { rules, read } = this;
    const nullable = this.column.nullable;
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i]!;
      const value = read(cell);
      if (value === null) {
        if (!nullable) this.nulls.add(rowOffset + i, null);
        continue;
      }
      if (value === undefined) {
        this.type.add(rowOffset + i, cell);
        continue;
      }
      if (rules.min && (value as number) < rules.min.value) this.min!.add(rowOffset + i, cell);
      if (rules.max && (value as number) > rules.max.value) this.max!.add(rowOffset + i, cell);
      if (rules.allowed && !rules.allowed.values.has(value)) this.allowed!.add(rowOffset + i, cell);
      if (rules.regex && !rules.regex.test(value as string)) this.regex!.add(rowOffset + i, cell);
      this.unique?.values.add(value, rowOffset + i, cell);
    }
  }

  /** A chunk without the column (a JSON key first seen later): its rows are missing values. */
  absent(rowOffset: number, rowCount: number): void {
    if (!this.column.nullable) this.nulls.addMissingRows(rowOffset, rowCount);
  }

  /**
   * The column's failures in rule order. A column no chunk had fails `required` alone (unless it
   * may be absent): its missing values are that one fact, not another failure per row.
   */
  failures(rows: number): ValidationFailure[] {
    if (!this.seen) {
      if (!this.rules.required) return [];
      const { name } = this.column;
      return [
        {
          column: name,
          rule: 'required',
          expected: 'column present',
          failing_count: rows,
          examples: [],
        },
      ];
    }
    return [this.type, this.nulls, this.min, this.max, this.allowed, this.regex, this.unique?.tally]
      .map((tally) => tally?.failure())
      .filter((failure) => failure !== undefined);
  }
}
