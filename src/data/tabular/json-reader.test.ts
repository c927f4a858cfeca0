import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inferColumnTypes } from './column-types.js';
import { jsonErrorOffset } from './json-error-position.js';
import { openTabular, readTableChunks } from './open.js';
import { readTable } from './table.js';
import { expectReadError, rowsOf, tableOf, TempFiles } from './testing/tabular-fixtures.js';

let files: TempFiles;
beforeEach(() => {
  files = new TempFiles();
});
afterEach(() => files.remove());

describe('JSON arrays of records', () => {
  it('keeps JSON types; absent keys and null are missing; keys are the union in order seen', async () => {
    const table = await tableOf(
      files,
      'records.json',
      '\uFEFF[\n {"a": 1, "b": "x"},\n {"b": "y", "c": true},\n {"a": null, "c": false}\n]\n',
    );
    expect(table.columns).toEqual(['a', 'b', 'c']);
    expect(rowsOf(table)).toEqual([
      [1, 'x', null],
      [null, 'y', true],
      [null, null, false],
    ]);
    expect(inferColumnTypes(table).map((c) => c.type)).toEqual(['integer', 'string', 'boolean']);
  });

  it('turns nested objects and arrays into their JSON text', async () => {
    const table = await tableOf(files, 'nested.json', '[{"tags": ["a", "b"], "geo": {"lat": 1}}]');
    expect(rowsOf(table)).toEqual([['["a","b"]', '{"lat":1}']]);
    expect(inferColumnTypes(table).map((c) => c.type)).toEqual(['string', 'string']);
  });

  it('handles brackets, braces and escapes inside strings when splitting records', async () => {
    const text = '[{"s": "a ] } , [ \\" \\\\"}, {"s": "\\u005d"}]';
    expect(rowsOf(await tableOf(files, 'escapes.json', text))).toEqual([['a ] } , [ " \\'], [']']]);
  });

  it('grows columns across chunks; earlier rows of a late column are null', async () => {
    const records = Array.from({ length: 10 }, (_, i) =>
      i < 7 ? { a: i } : { a: i, late: `v${i}` },
    );
    const path = files.write('late.json', JSON.stringify(records));
    const chunks = [];
    for await (const chunk of readTableChunks(path, { chunkRows: 4 })) chunks.push(chunk);
    expect(chunks.map((c) => c.columns)).toEqual([['a'], ['a', 'late'], ['a', 'late']]);
    const table = await readTable(path, { chunkRows: 4 });
    expect(table.values.late).toEqual([null, null, null, null, null, null, null, 'v7', 'v8', 'v9']);
  });

  it('reads a .json file holding one object per line as JSON Lines', async () => {
    const source = await openTabular(files.write('lines.json', '{"a": 1}\n{"a": 2}\n'));
    expect(source.format).toBe('jsonl');
    await source.close();
    expect(rowsOf(await readTable(source.path))).toEqual([[1], [2]]);
  });

  describe('errors', () => {
    it('malformed JSON, with the line and column in the file', async () => {
      const error = await expectReadError(
        readTable(files.write('bad.json', '[\n  {"a": 1},\n  {"a": 2,\n   "b": }\n]')),
        'malformed_json',
        /bad\.json: record 2 is not valid JSON at line 4, column 9: Unexpected token '}'$/,
      );
      expect(error.details).toMatchObject({ line: 4, row: 1 });
    });

    it('a record that is not an object', async () => {
      await expectReadError(
        readTable(files.write('scalars.json', '[{"a": 1}, 2]')),
        'not_a_record',
        /record 2 \(line 1\) is number, not an object/,
      );
      await expectReadError(
        readTable(files.write('rows.json', '[[1, 2], [3, 4]]')),
        'not_a_record',
        /record 1 \(line 1\) is an array, not an object/,
      );
    });

    it('a file that is not an array of records', async () => {
      await expectReadError(
        readTable(files.write('scalar.json', '"text"'), { format: 'json' }),
        'malformed_json',
        /unexpected """ where the file should start with \[/,
      );
    });

    it('a truncated array, a trailing comma and text after the array', async () => {
      await expectReadError(
        readTable(files.write('cut.json', '[{"a": 1},\n{"a": 2}')),
        'malformed_json',
        /ends at line 2 before the array's closing \] \(is the file truncated\?\)/,
      );
      await expectReadError(
        readTable(files.write('comma.json', '[{"a": 1},]')),
        'malformed_json',
        /unexpected "\]" where an array element should be on line 1/,
      );
      await expectReadError(
        readTable(files.write('after.json', '[{"a": 1}]\n[{"a": 2}]')),
        'malformed_json',
        /unexpected text after the closing \] of the array on line 2/,
      );
    });

    it('an empty array, a blank file and an empty key', async () => {
      await expectReadError(
        readTable(files.write('none.json', '[ ]')),
        'empty_file',
        /holds an empty array/,
      );
      await expectReadError(readTable(files.write('blank.json', ' \n ')), 'empty_file', /is blank/);
      await expectReadError(
        readTable(files.write('key.json', '[{"": 1}]')),
        'bad_column_names',
        /record 1 \(line 1\) has an empty key/,
      );
    });
  });
});

describe('JSON Lines', () => {
  it('reads one record per line, skipping blank lines, with CRLF and a BOM', async () => {
    const text = '\uFEFF{"city": "Oslo", "t": 1.5}\r\n\r\n{"city": "Bergen", "t": null}\r\n';
    const table = await tableOf(files, 'data.jsonl', text);
    expect(rowsOf(table)).toEqual([
      ['Oslo', 1.5],
      ['Bergen', null],
    ]);
  });

  it('reads .ndjson and sniffs JSON Lines content without an extension', async () => {
    for (const name of ['data.ndjson', 'data']) {
      const source = await openTabular(files.write(name, '{"a": true}\n'));
      expect(source.format, name).toBe('jsonl');
      await source.close();
    }
  });

  it('locates malformed lines', async () => {
    const error = await expectReadError(
      readTable(files.write('bad.jsonl', '{"a": 1}\n\n{"a": 2,}\n')),
      'malformed_json',
      /bad\.jsonl: line 3 is not valid JSON at line 3, column 9: /,
    );
    expect(error.details).toMatchObject({ line: 3, row: 1 });
  });

  it('explains a pretty-printed object read as JSON Lines', async () => {
    await expectReadError(
      readTable(files.write('pretty.json', '{\n  "rows": [{"a": 1}]\n}\n')),
      'malformed_json',
      /line 1 is not valid JSON .*JSON Lines holds one complete object per line/,
    );
  });

  it('rejects lines that are not objects and a file of blank lines', async () => {
    await expectReadError(
      readTable(files.write('arr.jsonl', '[1, 2]\n')),
      'not_a_record',
      /is an array/,
    );
    await expectReadError(
      readTable(files.write('blank.jsonl', '\n\n')),
      'empty_file',
      /is blank: no records/,
    );
  });
});

describe('jsonErrorOffset', () => {
  it('is -1 for valid JSON and the first bad offset otherwise', () => {
    const valid = ['{}', '[]', ' {"a": [1, -2.5e3, true, false, null, "\\u00e9\\n"]} ', '0', '"x"'];
    for (const text of valid) expect(jsonErrorOffset(text), text).toBe(-1);
    const cases: [string, number][] = [
      ['{"a": }', 6],
      ['{"a" 1}', 5],
      ['{a: 1}', 1],
      ['[1, 2,]', 6],
      ['[1 2]', 3],
      ['{"a": 01}', 7],
      ['{"a": "\\x"}', 8],
      ['{"a": tru}', 9],
      ['{"a": 1', 7],
      ['{"a": 1} x', 9],
      ['"tab\there"', 4],
    ];
    for (const [text, offset] of cases) expect(jsonErrorOffset(text), text).toBe(offset);
    for (const [text] of cases) expect(() => void JSON.parse(text), text).toThrow();
  });
});
