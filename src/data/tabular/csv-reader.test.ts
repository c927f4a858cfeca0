import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inferColumnTypes } from './column-types.js';
import { CsvParser, type CsvRecord } from './csv-parser.js';
import { openTabular, readTableChunks } from './open.js';
import { readTable } from './table.js';
import { expectReadError, rowsOf, tableOf, TempFiles } from './testing/tabular-fixtures.js';

let files: TempFiles;
beforeEach(() => {
  files = new TempFiles();
});
afterEach(() => files.remove());

/** Parses `text` fed in the given pieces. */
function parse(pieces: string[]): CsvRecord[] {
  const parser = new CsvParser('test.csv', ','.charCodeAt(0));
  return [...pieces.flatMap((piece) => parser.feed(piece)), ...parser.end()];
}

describe('CSV parser', () => {
  const tricky =
    'id,text,n\r\n1,"a, b",2\r\n2,"say ""hi""",3\r\n3,"two\nlines",4\r\n4,,\r\n5,"",6\rlast,x,7';
  const expected = [
    { fields: ['id', 'text', 'n'], line: 1 },
    { fields: ['1', 'a, b', '2'], line: 2 },
    { fields: ['2', 'say "hi"', '3'], line: 3 },
    { fields: ['3', 'two\nlines', '4'], line: 4 },
    { fields: ['4', '', ''], line: 6 },
    { fields: ['5', '', '6'], line: 7 },
    { fields: ['last', 'x', '7'], line: 8 },
  ];

  it('reads quotes, escaped quotes, embedded delimiters and newlines, CRLF and lone CR', () => {
    expect(parse([tricky])).toEqual(expected);
  });

  it('gives the same records wherever the text is split (field, "" escape, CRLF)', () => {
    for (let cut = 1; cut < tricky.length; cut++) {
      expect(parse([tricky.slice(0, cut), tricky.slice(cut)]), `split at ${cut}`).toEqual(expected);
    }
    expect(parse([...tricky])).toEqual(expected); // one character at a time
  });

  it('skips blank and whitespace-only lines but keeps a lone quoted empty field', () => {
    expect(parse(['a\n\n  \n""\nb\n\n'])).toEqual([
      { fields: ['a'], line: 1 },
      { fields: [''], line: 4 },
      { fields: ['b'], line: 5 },
    ]);
  });

  it('is lenient like pandas with stray quotes', () => {
    expect(parse(['a"b,"ab"c\n']).map((r) => r.fields)).toEqual([['a"b', 'abc']]);
  });
});

describe('CSV and TSV files', () => {
  it('reads a header and rows, with NA spellings as null and other text kept as is', async () => {
    const table = await tableOf(files, 'na.csv', 'a,b,c\n1,NA,x\n,null,N/A\nnan,NaN, NA\n');
    expect(table.columns).toEqual(['a', 'b', 'c']);
    expect(rowsOf(table)).toEqual([
      ['1', null, 'x'],
      [null, null, null],
      [null, null, ' NA'], // NA matching is exact, like pandas
    ]);
  });

  it('drops a UTF-8 byte-order mark and reads CRLF line ends', async () => {
    const table = await tableOf(files, 'bom.csv', '\uFEFFname,score\r\nÅsa,1.5\r\nZoë,2\r\n');
    expect(table.columns).toEqual(['name', 'score']);
    expect(rowsOf(table)).toEqual([
      ['Åsa', '1.5'],
      ['Zoë', '2'],
    ]);
  });

  it('keeps quoted fields with embedded newlines and quotes intact across chunks', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => `${i},"line one\nline ""${i}"""`);
    const path = files.write('multi.csv', `id,note\n${rows.join('\n')}\n`);
    const chunks = [];
    for await (const chunk of readTableChunks(path, { chunkRows: 7 })) chunks.push(chunk);
    expect(chunks.map((c) => c.rowCount)).toEqual([7, 7, 7, 7, 7, 7, 7, 1]);
    expect(chunks.map((c) => c.rowOffset)).toEqual([0, 7, 14, 21, 28, 35, 42, 49]);
    expect(chunks[7]!.values.note).toEqual(['line one\nline "49"']);
  });

  it('reads a header-only file as columns with no rows', async () => {
    const table = await tableOf(files, 'header.csv', 'a,b,c\n');
    expect(table).toMatchObject({ columns: ['a', 'b', 'c'], rowCount: 0 });
    expect(inferColumnTypes(table).map((c) => c.note)).toEqual(
      Array(3).fill('every value is missing'),
    );
  });

  it('reads a last line without a line break', async () => {
    expect(rowsOf(await tableOf(files, 'end.csv', 'a,b\n1,2'))).toEqual([['1', '2']]);
  });

  it('names blank header cells like pandas (a CSV written with its index)', async () => {
    const table = await tableOf(files, 'index.csv', ',a,\n0,x,y\n');
    expect(table.columns).toEqual(['Unnamed: 0', 'a', 'Unnamed: 2']);
  });

  it('reads TSV by extension (.tsv, .tab) and by content', async () => {
    for (const name of ['t.tsv', 't.tab', 't.txt', 't']) {
      const source = await openTabular(files.write(name, 'a\tb\n1\t"x,y"\n'));
      expect(source.format, name).toBe('tsv');
      await source.close();
      expect(rowsOf(await readTable(source.path)), name).toEqual([['1', 'x,y']]);
    }
  });

  it('reads a .csv that is really tab-separated, and a .tsv that is really comma-separated', async () => {
    expect(rowsOf(await tableOf(files, 'tabs.csv', 'a\tb\n1\t2\n'))).toEqual([['1', '2']]);
    expect(rowsOf(await tableOf(files, 'commas.tsv', 'a,b\n1,2\n'))).toEqual([['1', '2']]);
  });

  it('reads gzip-compressed CSV (.csv.gz)', async () => {
    const text = 'a,b\n' + Array.from({ length: 5000 }, (_, i) => `${i},"v${i}"`).join('\n');
    const table = await tableOf(files, 'data.csv.gz', gzipSync(text));
    expect(table.rowCount).toBe(5000);
    expect(rowsOf(table)[4999]).toEqual(['4999', 'v4999']);
  });

  describe('errors', () => {
    it('an empty file', async () => {
      await expectReadError(
        readTable(files.write('empty.csv', '')),
        'empty_file',
        /empty\.csv: is empty \(0 bytes\)/,
      );
    });

    it('a blank file', async () => {
      await expectReadError(
        readTable(files.write('blank.csv', '\n \r\n')),
        'empty_file',
        /has no header row/,
      );
    });

    it('a row with more or fewer fields than the header', async () => {
      const more = await expectReadError(
        readTable(files.write('more.csv', 'a,b\n1,2\n3,4,5\n')),
        'ragged_row',
        /more\.csv: line 3 has 3 fields, the header has 2; a value containing the delimiter must be in double quotes/,
      );
      expect(more.details).toMatchObject({ line: 3, row: 1 });
      await expectReadError(
        readTable(files.write('fewer.csv', 'a,b\n1\n')),
        'ragged_row',
        /line 2 has 1 field, the header has 2; write an empty field/,
      );
    });

    it('an unterminated quote, naming the line it opened on', async () => {
      const error = await expectReadError(
        readTable(files.write('quote.csv', 'a,b\n1,2\n3,"oops\n4,5\n')),
        'unterminated_quote',
        /quote\.csv: unterminated quoted field: the quote opened on line 3 is never closed/,
      );
      expect(error.details).toMatchObject({ line: 3 });
    });

    it('duplicate column names', async () => {
      await expectReadError(
        readTable(files.write('dup.csv', 'a,b,a\n1,2,3\n')),
        'bad_column_names',
        /column name "a" appears twice in the header \(line 1\) \(columns 1 and 3\)/,
      );
    });

    it('bytes that are not UTF-8, with offset and line', async () => {
      const latin1 = Buffer.concat([
        Buffer.from('city\nOslo\n'),
        Buffer.from([0x4d, 0xfc, 0x6e]),
        Buffer.from('\n'),
      ]);
      const error = await expectReadError(
        readTable(files.write('latin1.csv', latin1)),
        'invalid_utf8',
        /invalid UTF-8 at byte 11 \(line 3\); save the file as UTF-8/,
      );
      expect(error.details).toMatchObject({ line: 3, byteOffset: 11 });
    });

    it('a UTF-16 file (Excel "Unicode text")', async () => {
      const utf16 = Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from('a\tb\n1\t2\n', 'utf16le'),
      ]);
      await expectReadError(
        readTable(files.write('excel.txt', utf16), { format: 'tsv' }),
        'invalid_utf8',
        /invalid UTF-8 at byte 0 \(line 1\): the file is UTF-16; save the file as UTF-8/,
      );
    });

    it('a corrupt gzip file', async () => {
      const broken = gzipSync('a,b\n1,2\n'.repeat(1000)).subarray(0, 40);
      await expectReadError(
        readTable(files.write('cut.csv.gz', broken)),
        'unreadable_file',
        /is not valid gzip/,
      );
    });
  });
});
