import { jsonErrorOffset } from './json-error-position.js';
import { JsonRecordSink } from './json-records.js';
import { JsonArraySplitter } from './json-splitter.js';
import { sourceError } from './source-error.js';
import { MAX_VALUE_CHARS, readUtf8Text } from './text-stream.js';
import type { ReaderContext, TableChunk } from './types.js';

/** A JSON array of records (`[{"a": 1}, …]`), streamed element by element. */
export async function* readJsonArrayChunks(context: ReaderContext): AsyncGenerator<TableChunk> {
  const { path, chunkRows } = context;
  const splitter = new JsonArraySplitter(path, MAX_VALUE_CHARS);
  const sink = new JsonRecordSink(path, chunkRows);
  let index = 0;
  for await (const text of readUtf8Text(path)) {
    for (const element of splitter.feed(text)) {
      const record = parseJson(path, element.text, `record ${index + 1}`, element.line, index);
      index++;
      const chunk = sink.add(record, element.line);
      if (chunk) yield chunk;
    }
  }
  splitter.end();
  if (index === 0) {
    throw sourceError(path, 'empty_file', 'holds an empty array: no records, so no columns');
  }
  const last = sink.finish();
  if (last) yield last;
}

/** JSON Lines: one record per line; blank lines are skipped. */
export async function* readJsonLinesChunks(context: ReaderContext): AsyncGenerator<TableChunk> {
  const { path, chunkRows } = context;
  const sink = new JsonRecordSink(path, chunkRows);
  let rest = '';
  let line = 0;
  let records = 0;
  const take = (text: string): TableChunk | undefined => {
    line++;
    if (text.trim() === '') return undefined;
    const record = parseJson(path, text, `line ${line}`, line, records);
    records++;
    return sink.add(record, line);
  };
  for await (const text of readUtf8Text(path)) {
    const lines = (rest + text).split('\n');
    rest = lines.pop() ?? '';
    if (rest.length > MAX_VALUE_CHARS) {
      throw sourceError(
        path,
        'malformed_json',
        `line ${line + lines.length + 1} is longer than ${MAX_VALUE_CHARS} characters; ` +
          'JSON Lines holds one record per line',
        { line: line + lines.length + 1 },
      );
    }
    for (const one of lines) {
      const chunk = take(one);
      if (chunk) yield chunk;
    }
  }
  const chunk = take(rest);
  if (chunk) yield chunk;
  if (records === 0) throw sourceError(path, 'empty_file', 'is blank: no records');
  const last = sink.finish();
  if (last) yield last;
}

/**
 * `JSON.parse` of one record. On failure the offending position inside the record's text becomes
 * a line and column in the file, which an editor can jump to.
 */
function parseJson(path: string, text: string, what: string, line: number, row: number): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    // V8 quotes the whole record in some messages; the position says more, in less space.
    const reason = (error instanceof Error ? error.message : String(error)).replace(
      /, ".*" is not valid JSON$/s,
      '',
    );
    const offset = jsonErrorOffset(text);
    let at = line;
    let where = `on line ${line}`;
    if (offset >= 0) {
      const breaks = text.slice(0, offset).split('\n');
      at = line + breaks.length - 1;
      where = `at line ${at}, column ${breaks.at(-1)!.length + 1}`;
    }
    const hint =
      row === 0 && what.startsWith('line') && text.trimStart().startsWith('{')
        ? ' (JSON Lines holds one complete object per line; a pretty-printed object or a ' +
          'single object wrapping the records is not a table: write an array of records)'
        : '';
    throw sourceError(
      path,
      'malformed_json',
      `${what} is not valid JSON ${where}: ${reason}${hint}`,
      { line: at, row },
      error,
    );
  }
}
