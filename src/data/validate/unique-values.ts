import type { Cell, ColumnType } from '../tabular/index.js';
import type { FailureTally } from './failure-tally.js';
import type { TypedValue } from './typed-value.js';

/**
 * The `unique` rule: every row whose value also appears in another row fails, the first
 * occurrence included (pandas' `duplicated(keep=False)`, as Great Expectations counts), so
 * "rows 3 and 7 both hold X" shows in the examples. This is the one rule whose memory grows with
 * the data: it keeps each distinct value with the row it was first seen in.
 */
export class UniqueValues {
  /** Value → row it was first seen in, or -1 once that row has been counted as a duplicate. */
  private readonly firstRows = new Map<TypedValue, number>();

  constructor(
    private readonly tally: FailureTally,
    private readonly type: ColumnType,
  ) {}

  add(value: TypedValue, row: number, cell: Cell): void {
    const first = this.firstRows.get(value);
    if (first === undefined) {
      this.firstRows.set(value, row);
      return;
    }
    if (first >= 0) {
      this.tally.add(first, this.cellOf(value));
      this.firstRows.set(value, -1);
    }
    this.tally.add(row, cell);
  }

  /** The first occurrence's value, from its key: keeping the cell too would double the memory. */
  private cellOf(value: TypedValue): Cell {
    return this.type === 'datetime' ? new Date(value as number) : value;
  }
}
