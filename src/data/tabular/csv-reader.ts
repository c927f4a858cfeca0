import { ChunkBuilder, checkColumnNames, nameBlankColumns } from './columns.js';
import { CsvParser, type CsvRecord } from './csv-parser.js';
import { csvCell } from './na-values.js';
import { sourceError } from './source-error.js';
import { readUtf8Text } from './text-stream.js';
import type { Cell, ReaderContext, TableChunk } from './types.js';

/**
 * CSV or TSV, streamed: memory holds one chunk of rows plus one read buffer, so a file of any size
 * can be profiled. The first record is the header. Cells stay text (or null for the NA spellings);
 * turning text into numbers is the job of type inference, which sees the whole column.
 * `delimiter` comes from the extension; if the header has none of it but has the other one
 * (a `.csv` that is really tab-separated), the other one is used.
 */
export async function* readDelimitedChunks(
  context: ReaderContext,
  delimiter: ',' | '\t',
): AsyncGenerator<TableChunk> {
  const { path, chunkRows } = context;
  let parser: CsvParser | undefined;
  let header: string[] | undefined;
  let builder: ChunkBuilder | undefined;

  const accept = function* (records: CsvRecord[]): Generator<TableChunk> {
    for (const { fields, line } of records) {
      if (!header || !builder) {
        header = nameBlankColumns(fields);
        checkColumnNames(path, header, `the header (line ${line})`, line);
        builder = new ChunkBuilder(header, chunkRows);
        continue;
      }
      if (fields.length !== header.length) throw raggedRow(path, line, fields, header, builder);
      const cells = fields as Cell[];
      for (let k = 0; k < cells.length; k++) cells[k] = csvCell(fields[k]!);
      builder.push(cells);
      if (builder.full) yield builder.take();
    }
  };

  for await (const text of readUtf8Text(path)) {
    parser ??= new CsvParser(path, sniffDelimiter(text, delimiter).charCodeAt(0));
    yield* accept(parser.feed(text));
  }
  if (parser) yield* accept(parser.end());
  if (!builder) throw sourceError(path, 'empty_file', 'has no header row: the file is blank');
  const last = builder.take();
  // A header-only file still yields one empty chunk, so its columns are known.
  if (last.rowCount > 0 || last.rowOffset === 0) yield last;
}

/** The delimiter the first line uses: the expected one unless only the other one appears. */
export function sniffDelimiter(text: string, expected: ',' | '\t'): ',' | '\t' {
  const newline = text.search(/[\r\n]/);
  const first = newline === -1 ? text : text.slice(0, newline);
  const other = expected === ',' ? '\t' : ',';
  return !first.includes(expected) && first.includes(other) ? other : expected;
}

function raggedRow(
  path: string,
  line: number,
  fields: string[],
  header: string[],
  builder: ChunkBuilder,
) {
  const count = `${fields.length} field${fields.length === 1 ? '' : 's'}`;
  const hint =
    fields.length > header.length
      ? '; a value containing the delimiter must be in double quotes'
      : '; write an empty field (or NA) for a missing value rather than leaving it out';
  return sourceError(
    path,
    'ragged_row',
    `line ${line} has ${count}, the header has ${header.length}${hint}`,
    { line, row: builder.nextRow },
  );
}
