import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { readTableChunks, type Cell } from '../../src/data/tabular/index.js';

/**
 * Writes every 15th row of flights-3m.parquet (200,000 rows) as CSV: a fixed, evenly spread
 * sample, so both sides of the benchmark read exactly the same rows.
 */
export async function writeFlightsSample(source: string, destination: string): Promise<number> {
  const out = createWriteStream(destination);
  out.write('date,delay,distance,origin,destination\n');
  let seen = 0;
  let kept = 0;
  for await (const chunk of readTableChunks(source)) {
    const columns = ['date', 'delay', 'distance', 'origin', 'destination'].map(
      (name) => chunk.values[name]!,
    );
    const lines: string[] = [];
    for (let r = 0; r < chunk.rowCount; r += 1, seen += 1) {
      if (seen % 15 !== 0) continue;
      lines.push(columns.map((cells) => text(cells[r]!)).join(','));
      kept += 1;
    }
    if (!out.write(lines.join('\n') + '\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return kept;
}

function text(cell: Cell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return cell.toISOString();
  return String(cell);
}
