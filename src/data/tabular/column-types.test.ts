import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cellKind, parseDatetime, textKind } from './cell-kind.js';
import { ColumnTypeInferrer, inferColumnTypes } from './column-types.js';
import { toDateArray, toFloat64Array, toStringArray } from './convert.js';
import { readTableChunks } from './open.js';
import { expectReadError, tableOf, TempFiles } from './testing/tabular-fixtures.js';
import type { Cell, Table } from './types.js';

function table(values: Record<string, Cell[]>): Table {
  const columns = Object.keys(values);
  return { columns, rowCount: values[columns[0]!]!.length, values };
}

describe('cell kinds', () => {
  it('reads text like pandas: numbers, booleans, plus ISO 8601 datetimes', () => {
    const kinds: Record<string, string> = {
      '42': 'integer',
      ' -7 ': 'integer',
      '+3': 'integer',
      '007': 'integer',
      '9007199254740993': 'float', // beyond 2^53: a double cannot hold it exactly
      '1.5': 'float',
      '.5': 'float',
      '1.': 'float',
      '-2e-3': 'float',
      inf: 'float',
      '-Infinity': 'float',
      '1e999': 'string',
      '0x1F': 'string',
      '1,234': 'string',
      true: 'boolean',
      TRUE: 'boolean',
      False: 'boolean',
      yes: 'string',
      t: 'string',
      '2012-01-01': 'datetime',
      '2012-01-01 13:45': 'datetime',
      '2012-01-01T13:45:30.123456Z': 'datetime',
      '2012-01-01T13:45:30+05:30': 'datetime',
      '2012-02-30': 'string',
      '2012-13-01': 'string',
      '2012-01-01T24:00': 'string',
      '01/02/2012': 'string',
      Biscoe: 'string',
    };
    for (const [text, kind] of Object.entries(kinds)) expect(textKind(text), text).toBe(kind);
  });

  it('classifies typed cells and treats null and NaN as missing', () => {
    expect([3, 3.5, Infinity, true, new Date(0), null, NaN].map(cellKind)).toEqual([
      'integer',
      'float',
      'float',
      'boolean',
      'datetime',
      null,
      null,
    ]);
  });

  it('parses ISO datetimes as UTC unless an offset says otherwise, leap days included', () => {
    expect(parseDatetime('2024-02-29')).toEqual(new Date('2024-02-29T00:00:00Z'));
    expect(parseDatetime('2023-02-29')).toBeUndefined();
    expect(parseDatetime('1900-02-29')).toBeUndefined();
    expect(parseDatetime('2000-02-29')).toEqual(new Date('2000-02-29T00:00:00Z'));
    expect(parseDatetime('2012-06-01 08:30')).toEqual(new Date('2012-06-01T08:30:00Z'));
    expect(parseDatetime('2012-06-01T08:30:15.5+0200')).toEqual(
      new Date('2012-06-01T06:30:15.500Z'),
    );
    expect(parseDatetime('2012-06-01T00:30-01:00')).toEqual(new Date('2012-06-01T01:30:00Z'));
    expect(parseDatetime('0099-01-01')!.getUTCFullYear()).toBe(99);
  });
});

describe('column type inference', () => {
  it('gives each column the one kind its values share; integers with floats are float', () => {
    const info = inferColumnTypes(
      table({
        i: ['1', '2', null],
        f: ['1', '2.5', '3'],
        b: ['true', 'False', 'TRUE'],
        d: ['2012-01-01', '2012-01-02 10:00', null],
        s: ['a', 'b', 'a'],
      }),
    );
    expect(info.map((c) => [c.name, c.type, c.logicalType, c.nullable, c.missing])).toEqual([
      ['i', 'integer', 'numeric', true, 1],
      ['f', 'float', 'numeric', false, 0],
      ['b', 'boolean', 'boolean', false, 0],
      ['d', 'datetime', 'datetime', true, 1],
      ['s', 'string', 'categorical', false, 0],
    ]);
    expect(info.every((c) => c.note === undefined)).toBe(true);
  });

  it('reads numbers mixed with words as string, with a note quoting the odd values', () => {
    const [info] = inferColumnTypes(table({ hp: ['130', '165', '?', '150', 'n/a ', '?', '140'] }));
    expect(info).toMatchObject({ type: 'string', counts: { integer: 4, string: 3 } });
    expect(info!.note).toBe(
      '3 of 7 values are not numbers (e.g. "?", "n/a "), so the column is read as string',
    );
  });

  it('calls a column with no values float, as pandas does, and says so', () => {
    const [info] = inferColumnTypes(table({ empty: [null, null] }));
    expect(info).toMatchObject({ type: 'float', nullable: true, note: 'every value is missing' });
  });

  it('reads the missing-value spellings of a CSV as missing, and keeps lookalikes', async () => {
    const files = new TempFiles();
    try {
      const csv = 'x,y,flag\n1,,true\nNA,a,FALSE\nnull,b,\n2.5,NaN,True\nNone,n/a,false\n';
      const info = inferColumnTypes(await tableOf(files, 'na.csv', csv));
      expect(info.map((c) => [c.name, c.type, c.missing])).toEqual([
        ['x', 'float', 3],
        ['y', 'string', 3],
        ['flag', 'boolean', 1],
      ]);
    } finally {
      files.remove();
    }
  });

  it('infers chunk by chunk the same as over the whole table, columns added late included', async () => {
    const files = new TempFiles();
    try {
      const records = Array.from({ length: 25 }, (_, i) =>
        i < 20 ? { a: i } : { a: i + 0.5, b: 'x' },
      );
      const path = files.write('late.json', JSON.stringify(records));
      const inferrer = new ColumnTypeInferrer();
      for await (const chunk of readTableChunks(path, { chunkRows: 8 })) inferrer.add(chunk);
      expect(inferrer.result().map((c) => [c.name, c.type, c.rows, c.missing])).toEqual([
        ['a', 'float', 25, 0],
        ['b', 'string', 25, 20],
      ]);
    } finally {
      files.remove();
    }
  });
});

describe('column conversion', () => {
  it('toFloat64Array: missing → NaN, booleans → 0/1, datetimes → epoch ms, text parsed', () => {
    const cells: Cell[] = [
      null,
      '2.5',
      ' 3 ',
      'inf',
      true,
      'false',
      new Date(86_400_000),
      '1970-01-02',
      7,
    ];
    expect(Array.from(toFloat64Array(cells))).toEqual([
      NaN,
      2.5,
      3,
      Infinity,
      1,
      0,
      86_400_000,
      86_400_000,
      7,
    ]);
  });

  it('toFloat64Array: names the column and row of text that is not a number', async () => {
    const error = await expectReadError(
      () => toFloat64Array(['1', 'abc'], { column: 'hp', rowOffset: 100 }),
      'not_a_number',
      /column "hp" row 101 holds "abc", which is not a number/,
    );
    expect(error.details).toMatchObject({ column: 'hp', row: 101 });
  });

  it('toStringArray: dates in ISO 8601, everything else as written, missing as null', () => {
    expect(toStringArray([null, 'Biscoe', 3.5, false, new Date(0)])).toEqual([
      null,
      'Biscoe',
      '3.5',
      'false',
      '1970-01-01T00:00:00.000Z',
    ]);
  });

  it('toDateArray: Dates kept, ISO text parsed as UTC, anything else refused', async () => {
    const date = new Date('2020-05-06T07:08:09Z');
    expect(toDateArray([date, '2020-05-06 07:08:09', null])).toEqual([date, date, null]);
    await expectReadError(
      () => toDateArray(['2020-05-06', 12], { column: 'when' }),
      'not_a_datetime',
      /column "when" row 1 holds 12/,
    );
  });
});

describe('files with mixed types', () => {
  let files: TempFiles;
  beforeEach(() => {
    files = new TempFiles();
  });
  afterEach(() => files.remove());

  it('infers datetimes with and without time, booleans in any pandas spelling', async () => {
    const csv = 'when,ok,n\n2021-03-04,true,1\n2021-03-05T10:11:12Z,FALSE,2\n,True,\n';
    const info = inferColumnTypes(await tableOf(files, 'types.csv', csv));
    expect(info.map((c) => `${c.name}:${c.type}${c.nullable ? '?' : ''}`)).toEqual([
      'when:datetime?',
      'ok:boolean',
      'n:integer?',
    ]);
  });
});
