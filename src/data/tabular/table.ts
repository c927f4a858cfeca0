import { emptyValues } from './columns.js';
import { openTabular } from './open.js';
import type { Cell, Table, TableChunk, TabularReadOptions } from './types.js';

/**
 * A whole tabular file in memory, for data that fits (training sets of a few million cells).
 * Profiling and versioning large files should iterate `readTableChunks` instead.
 */
export async function readTable(path: string, options: TabularReadOptions = {}): Promise<Table> {
  const source = await openTabular(path, options);
  const table = new TableAccumulator();
  for await (const chunk of source.chunks()) table.add(chunk);
  return table.result();
}

/** Concatenates chunks; a column that first appears in a later chunk is null in earlier rows. */
export class TableAccumulator {
  private readonly columns: string[] = [];
  private readonly values = emptyValues();
  private rowCount = 0;

  add(chunk: TableChunk): void {
    for (const name of chunk.columns) {
      if (this.values[name]) continue;
      this.columns.push(name);
      this.values[name] = new Array<Cell>(this.rowCount).fill(null);
    }
    for (const name of this.columns) {
      const target = this.values[name]!;
      const cells = chunk.values[name];
      if (cells) for (const cell of cells) target.push(cell);
      else for (let i = 0; i < chunk.rowCount; i++) target.push(null);
    }
    this.rowCount += chunk.rowCount;
  }

  result(): Table {
    return { columns: this.columns, rowCount: this.rowCount, values: this.values };
  }
}
