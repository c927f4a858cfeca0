import { existsSync, mkdirSync, readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectGyreError } from '../../testing/expect-gyre-error.js';
import { detectFormat } from './format.js';
import { openTabular, readTableChunks } from './open.js';
import { readTable } from './table.js';
import { expectReadError, TempFiles, vegaFile } from './testing/tabular-fixtures.js';

let files: TempFiles;
beforeEach(() => {
  files = new TempFiles();
});
afterEach(() => files.remove());

describe('format detection', () => {
  it('goes by extension, case-insensitively, looking through .gz', async () => {
    const formats: Record<string, string> = {
      'a.CSV': 'csv',
      'a.tsv': 'tsv',
      'a.tab': 'tsv',
      'a.json': 'json',
      'a.jsonl': 'jsonl',
      'a.ndjson': 'jsonl',
      'a.csv.gz': 'csv',
      'a.parquet': 'parquet',
      'a.pq': 'parquet',
      'a.arrow': 'arrow',
      'a.feather': 'arrow',
    };
    for (const [name, format] of Object.entries(formats)) {
      expect(await detectFormat(files.write(name, 'x,y\n')), name).toBe(format);
    }
  });

  it('sniffs the content when the extension is unknown', async () => {
    const contents: [string, string][] = [
      ['a,b\n1,2\n', 'csv'],
      ['a\tb\n1\t2\n', 'tsv'],
      ['  [{"a": 1}]', 'json'],
      ['{"a": 1}\n', 'jsonl'],
    ];
    for (const [content, format] of contents) {
      expect(await detectFormat(files.write('data.txt', content)), content).toBe(format);
    }
  });

  it('fails with unknown_format when neither name nor content tells', async () => {
    await expectReadError(
      detectFormat(files.write('notes.txt', 'just one column\nof text\n')),
      'unknown_format',
      /notes\.txt: cannot tell its format: the extension "\.txt" is not one of \.csv, \.tsv.*give its format explicitly/,
    );
    await expectReadError(
      readTable(files.write('blob', new Uint8Array([1, 0, 2, 0, 3]))),
      'unknown_format',
      /cannot tell its format: no extension/,
    );
  });

  it('options.format overrides detection', async () => {
    const path = files.write('notes.txt', 'value\n1\n2\n');
    const table = await readTable(path, { format: 'csv' });
    expect(table.values.value).toEqual(['1', '2']);
  });
});

describe('opening files', () => {
  it('reports a missing file as RESOURCE_DOES_NOT_EXIST, from detectFormat too', async () => {
    const missing = join(files.dir, 'nope.csv');
    await expectReadError(
      readTable(missing),
      'no_such_file',
      /no file at .*nope\.csv/,
      'RESOURCE_DOES_NOT_EXIST',
    );
    await expectReadError(
      detectFormat(missing),
      'no_such_file',
      undefined,
      'RESOURCE_DOES_NOT_EXIST',
    );
  });

  it('refuses a directory and an empty file', async () => {
    const dir = join(files.dir, 'folder.csv');
    mkdirSync(dir);
    await expectReadError(readTable(dir), 'not_a_file', /folder\.csv: is not a file/);
    for (const name of ['empty.csv', 'empty.json', 'empty.parquet', 'empty']) {
      await expectReadError(readTable(files.write(name, '')), 'empty_file', /is empty \(0 bytes\)/);
    }
  });

  it('checks options', async () => {
    const path = files.write('a.csv', 'a\n1\n');
    await expectGyreError(
      readTable(path, { chunkRows: 0 }),
      'INVALID_PARAMETER_VALUE',
      /chunkRows must be a positive integer, got 0/,
    );
    await expectReadError(
      readTable(path, { format: 'xlsx' as never }),
      'unknown_format',
      /unknown tabular format "xlsx"; use csv, tsv, json, jsonl, parquet or arrow/,
    );
  });

  it('knows the columns on open and fails on open when the first chunk is bad', async () => {
    const source = await openTabular(files.write('cols.csv', 'x,y\n1,2\n'));
    expect(source).toMatchObject({ format: 'csv', columns: ['x', 'y'] });
    await source.close();
    await expectReadError(openTabular(files.write('bad.csv', 'x,y\n1,2,3\n')), 'ragged_row');
  });

  it('fails mid-stream with the location when a later chunk is bad', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `${i},${i}`);
    rows[25] = '25';
    const source = await openTabular(files.write('late.csv', `a,b\n${rows.join('\n')}\n`), {
      chunkRows: 10,
    });
    const seen: number[] = [];
    const error = await expectReadError(
      (async () => {
        for await (const chunk of source.chunks()) seen.push(chunk.rowCount);
      })(),
      'ragged_row',
      /late\.csv: line 27 has 1 field/,
    );
    expect(seen).toEqual([10, 10]);
    expect(error.details).toMatchObject({ line: 27, row: 25 });
  });

  it('lets chunks be iterated once', async () => {
    const source = await openTabular(files.write('once.csv', 'a\n1\n'));
    for await (const chunk of source.chunks()) expect(chunk.rowCount).toBe(1);
    expect(() => source.chunks()).toThrow(/chunks\(\) can be read once/);
  });

  it('stops after maxRows, cutting the last chunk', async () => {
    const path = files.write(
      'many.csv',
      `n\n${Array.from({ length: 100 }, (_, i) => i).join('\n')}\n`,
    );
    const chunks = [];
    for await (const chunk of readTableChunks(path, { chunkRows: 4, maxRows: 10 }))
      chunks.push(chunk);
    expect(chunks.map((c) => c.rowCount)).toEqual([4, 4, 2]);
    expect(chunks[2]!.values.n).toEqual(['8', '9']);
    expect((await readTable(path, { maxRows: 1000 })).rowCount).toBe(100);
  });

  // Linux shows open descriptors in /proc; elsewhere the check has nothing to look at.
  it.runIf(existsSync('/proc/self/fd'))(
    'releases the file when the consumer stops early',
    async () => {
      const openFiles = () =>
        readdirSync('/proc/self/fd').flatMap((fd) => {
          try {
            return [readlinkSync(`/proc/self/fd/${fd}`)];
          } catch {
            return []; // closed while listing
          }
        });
      // Parquet is left out: Node's openAsBlob keeps its descriptor until the Blob is collected.
      const names = ['seattle-weather.csv', 'cars.json', 'flights-200k.arrow'];
      for (const name of names) {
        for await (const chunk of readTableChunks(vegaFile(name), { chunkRows: 5 })) {
          expect(chunk.rowCount).toBe(5);
          break;
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(openFiles().filter((path) => names.some((name) => path.endsWith(name)))).toEqual([]);
    },
  );
});
