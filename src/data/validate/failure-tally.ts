import type { Cell } from '../tabular/index.js';
import {
  maxExamples,
  type FailureExample,
  type ValidationFailure,
  type ValidationRule,
} from './validation-report.js';

/** Counts the rows breaking one rule of one column and keeps the first few as examples. */
export class FailureTally {
  count = 0;
  private readonly examples: FailureExample[] = [];

  constructor(
    readonly column: string,
    readonly rule: ValidationRule,
    readonly expected: string,
  ) {}

  add(row: number, cell: Cell): void {
    this.count++;
    if (this.examples.length < maxExamples) this.examples.push({ row, value: exampleValue(cell) });
  }

  /** Adds `count` consecutive rows, all missing, from `firstRow` (a column a chunk lacks). */
  addMissingRows(firstRow: number, count: number): void {
    const room = Math.min(count, maxExamples - this.examples.length);
    for (let i = 0; i < room; i++) this.examples.push({ row: firstRow + i, value: null });
    this.count += count;
  }

  /** The failure, or undefined when no row broke the rule. */
  failure(): ValidationFailure | undefined {
    if (this.count === 0) return undefined;
    const examples = [...this.examples].sort((a, b) => a.row - b.row);
    const { column, rule, expected, count } = this;
    return { column, rule, expected, failing_count: count, examples };
  }
}

/** A cell as JSON can carry it: Date and ±Infinity would otherwise turn into {} and null. */
export function exampleValue(cell: Cell): FailureExample['value'] {
  if (cell instanceof Date) return cell.toISOString();
  if (typeof cell === 'number' && !Number.isFinite(cell)) return String(cell);
  return cell;
}
