import { afterAll, describe, expect, it } from 'vitest';
import type { DatasetContract, SchemaColumn } from '../schema/index.js';
import { expectInvalid } from '../schema/testing/expect-invalid.js';
import { readTableChunks, type ColumnType } from '../tabular/index.js';
import { TempFiles } from '../tabular/testing/tabular-fixtures.js';
import { validateDataset } from './validate-dataset.js';
import type { ValidationFailure } from './validation-report.js';

const files = new TempFiles();
afterAll(() => files.remove());

/** Validates `content`, written to a temp file `name`, read 2 rows per chunk to cross chunks. */
async function validate(name: string, content: string, contract: DatasetContract) {
  return validateDataset(readTableChunks(files.write(name, content), { chunkRows: 2 }), contract);
}

function column(name: string, type: ColumnType, nullable = true): SchemaColumn {
  return { name, type, nullable };
}

/** A one-column contract. */
function only(col: SchemaColumn, rules = {}): DatasetContract {
  return { schema: { columns: [col] }, expectations: { [col.name]: rules } };
}

/** The failures, without `expected`, for compact assertions. */
function brief(failures: ValidationFailure[]) {
  return failures.map(({ column, rule, failing_count, examples }) => ({
    column,
    rule,
    failing_count,
    rows: examples.map((e) => e.row),
    values: examples.map((e) => e.value),
  }));
}

describe('validateDataset: types', () => {
  it('an integer column refuses words, decimals and too-large integers, not missing values', async () => {
    const csv = 'n\n1\nn/a \n1.5\nNA\n+7\n 8 \n9007199254740993\n007\n';
    const report = await validate('int.csv', csv, only(column('n', 'integer')));
    expect(report).toEqual({
      valid: false,
      rows: 8,
      columns_checked: 1,
      extra_columns: [],
      failures: [
        {
          column: 'n',
          rule: 'type',
          expected: 'integer',
          failing_count: 3,
          examples: [
            { row: 1, value: 'n/a ' },
            { row: 2, value: '1.5' },
            { row: 6, value: '9007199254740993' },
          ],
        },
      ],
    });
  });

  it('JSON: a string "n/a" is text, not missing; 2.0 is an integer; true is not a number', async () => {
    const json = JSON.stringify([{ n: 2.0 }, { n: 'n/a' }, { n: null }, { n: true }, { n: '12' }]);
    const report = await validate('int.json', json, only(column('n', 'integer')));
    expect(brief(report.failures)).toEqual([
      { column: 'n', rule: 'type', failing_count: 2, rows: [1, 3], values: ['n/a', true] },
    ]);
  });

  it('float, boolean and datetime columns refuse what is not of their type; string takes anything', async () => {
    const csv = [
      'f,b,d,s',
      '1,true,2020-01-01,x',
      '2.5e3,False,2020-01-01 10:30,3',
      'inf,yes,2021-02-30,true',
      'abc,1,01/02/2020,2020-01-01',
      'true,TRUE,2020-06-01T00:00:00+02:00,',
    ].join('\n');
    const contract: DatasetContract = {
      schema: {
        columns: [
          column('f', 'float'),
          column('b', 'boolean'),
          column('d', 'datetime'),
          column('s', 'string'),
        ],
      },
    };
    const report = await validate('kinds.csv', csv, contract);
    expect(brief(report.failures)).toEqual([
      { column: 'f', rule: 'type', failing_count: 2, rows: [3, 4], values: ['abc', 'true'] },
      { column: 'b', rule: 'type', failing_count: 2, rows: [2, 3], values: ['yes', '1'] },
      {
        column: 'd',
        rule: 'type',
        failing_count: 2,
        rows: [2, 3],
        values: ['2021-02-30', '01/02/2020'],
      },
    ]);
    expect(report.columns_checked).toBe(4);
  });
});

describe('validateDataset: nullable', () => {
  it('counts missing values in a column that may not have them', async () => {
    const csv = 'a,b\n1,x\n,y\nNA,\n4,z\n';
    const contract: DatasetContract = {
      schema: { columns: [column('a', 'integer', false), column('b', 'string', true)] },
    };
    const report = await validate('nulls.csv', csv, contract);
    expect(report.failures).toEqual([
      {
        column: 'a',
        rule: 'nullable',
        expected: 'not null',
        failing_count: 2,
        examples: [
          { row: 1, value: null },
          { row: 2, value: null },
        ],
      },
    ]);
  });

  it('passes when every value is present', async () => {
    const report = await validate('full.csv', 'a\n1\n2\n', only(column('a', 'integer', false)));
    expect(report.valid).toBe(true);
  });

  it('counts the rows before a JSON Lines key first appears as missing', async () => {
    const jsonl = '{"a":1}\n{"a":2}\n{"a":3}\n{"a":4,"late":"x"}\n{"a":5,"late":"y"}\n';
    const contract: DatasetContract = {
      schema: { columns: [column('a', 'integer', false), column('late', 'string', false)] },
    };
    const report = await validate('late.jsonl', jsonl, contract);
    expect(brief(report.failures)).toEqual([
      {
        column: 'late',
        rule: 'nullable',
        failing_count: 3,
        rows: [0, 1, 2],
        values: [null, null, null],
      },
    ]);
  });
});

describe('validateDataset: min and max', () => {
  it('are inclusive bounds on numbers, skipping missing values and values of the wrong type', async () => {
    const csv = 'x\n-100\n-101\n2000\n2000.5\nNA\nabc\n0\n';
    const report = await validate(
      'bounds.csv',
      csv,
      only(column('x', 'float'), { min: -100, max: 2000 }),
    );
    expect(report.failures).toEqual([
      {
        column: 'x',
        rule: 'type',
        expected: 'float',
        failing_count: 1,
        examples: [{ row: 5, value: 'abc' }],
      },
      {
        column: 'x',
        rule: 'min',
        expected: '>= -100',
        failing_count: 1,
        examples: [{ row: 1, value: '-101' }],
      },
      {
        column: 'x',
        rule: 'max',
        expected: '<= 2000',
        failing_count: 1,
        examples: [{ row: 3, value: '2000.5' }],
      },
    ]);
  });

  it('pass when every value is within them', async () => {
    const report = await validate(
      'in.csv',
      'x\n1\n5\n10\n',
      only(column('x', 'integer'), { min: 1, max: 10 }),
    );
    expect(report).toMatchObject({ valid: true, failures: [] });
  });

  it('compare datetimes as instants, whatever the offset or precision of the text', async () => {
    const csv =
      'when\n2020-01-01\n2019-12-31T23:59:59Z\n2020-01-01T00:30:00+01:00\n2020-12-31 23:59\n2021-01-01T00:00:00.001Z\n';
    const rules = { min: '2020-01-01', max: '2020-12-31T23:59:59.999Z' };
    const report = await validate('dates.csv', csv, only(column('when', 'datetime'), rules));
    expect(brief(report.failures)).toEqual([
      {
        column: 'when',
        rule: 'min',
        failing_count: 2,
        rows: [1, 2],
        values: ['2019-12-31T23:59:59Z', '2020-01-01T00:30:00+01:00'],
      },
      {
        column: 'when',
        rule: 'max',
        failing_count: 1,
        rows: [4],
        values: ['2021-01-01T00:00:00.001Z'],
      },
    ]);
  });
});

describe('validateDataset: allowed', () => {
  it('matches text exactly, case included', async () => {
    const csv = 'origin\nSFO\nLAX\nsfo\nSFO \nNA\nJFK\n';
    const report = await validate(
      'cats.csv',
      csv,
      only(column('origin', 'string'), { allowed: ['SFO', 'LAX'] }),
    );
    expect(report.failures).toEqual([
      {
        column: 'origin',
        rule: 'allowed',
        expected: 'one of "SFO", "LAX"',
        failing_count: 3,
        examples: [
          { row: 2, value: 'sfo' },
          { row: 3, value: 'SFO ' },
          { row: 5, value: 'JFK' },
        ],
      },
    ]);
  });

  it('matches numbers by value, datetimes by instant, booleans by truth', async () => {
    const csv = 'n,d,b\n007,2020-01-01T00:00:00Z,True\n3.0,2020-01-02,false\n4,2020-01-03,TRUE\n';
    const contract: DatasetContract = {
      schema: { columns: [column('n', 'float'), column('d', 'datetime'), column('b', 'boolean')] },
      expectations: {
        n: { allowed: [7, 3] },
        d: { allowed: ['2020-01-01', '2020-01-02T00:00:00.000Z'] },
        b: { allowed: [true] },
      },
    };
    const report = await validate('typed.csv', csv, contract);
    expect(brief(report.failures)).toEqual([
      { column: 'n', rule: 'allowed', failing_count: 1, rows: [2], values: ['4'] },
      { column: 'd', rule: 'allowed', failing_count: 1, rows: [2], values: ['2020-01-03'] },
      { column: 'b', rule: 'allowed', failing_count: 1, rows: [1], values: ['false'] },
    ]);
  });

  it('lists at most ten allowed values in expected', async () => {
    const allowed = Array.from({ length: 12 }, (_, i) => `c${i}`);
    const report = await validate(
      'many.csv',
      'c\nc0\nzz\n',
      only(column('c', 'string'), { allowed }),
    );
    expect(report.failures[0]!.expected).toBe(
      'one of "c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9", … (12 values)',
    );
  });
});

describe('validateDataset: regex', () => {
  it('searches: a pattern matches anywhere unless anchored', async () => {
    const csv = 'code\nSFO\nxSFOx\nsfo\n\n';
    const unanchored = await validate(
      're1.csv',
      csv,
      only(column('code', 'string'), { regex: '[A-Z]{3}' }),
    );
    expect(brief(unanchored.failures)).toEqual([
      { column: 'code', rule: 'regex', failing_count: 1, rows: [2], values: ['sfo'] },
    ]);
    const anchored = await validate(
      're2.csv',
      csv,
      only(column('code', 'string'), { regex: '^[A-Z]{3}$' }),
    );
    expect(anchored.failures).toEqual([
      {
        column: 'code',
        rule: 'regex',
        expected: 'matches /^[A-Z]{3}$/',
        failing_count: 2,
        examples: [
          { row: 1, value: 'xSFOx' },
          { row: 2, value: 'sfo' },
        ],
      },
    ]);
  });

  it('tests the text of JSON numbers in a string column, and passes when all match', async () => {
    const json = JSON.stringify([{ zip: '02134' }, { zip: 94110 }, { zip: null }]);
    const report = await validate(
      'zip.json',
      json,
      only(column('zip', 'string'), { regex: '^\\d{5}$' }),
    );
    expect(report.valid).toBe(true);
  });
});

describe('validateDataset: unique', () => {
  it('counts every row of a repeated value, first occurrences included, across chunks', async () => {
    const csv = 'id\n1\n2\n1.0\n3\nNA\nNA\n2\n1\n';
    const report = await validate('ids.csv', csv, only(column('id', 'float'), { unique: true }));
    // 1 at rows 0, 2 (1.0), 7; 2 at rows 1, 6; missing values are not values.
    expect(report.failures).toEqual([
      {
        column: 'id',
        rule: 'unique',
        expected: 'unique values',
        failing_count: 5,
        examples: [
          { row: 0, value: 1 },
          { row: 1, value: 2 },
          { row: 2, value: '1.0' },
          { row: 6, value: '2' },
          { row: 7, value: '1' },
        ],
      },
    ]);
  });

  it('compares datetimes as instants and shows the first occurrence as ISO text', async () => {
    const csv = 'at\n2020-01-01T01:00:00+01:00\n2020-01-02\n2020-01-01T00:00:00Z\n';
    const report = await validate('at.csv', csv, only(column('at', 'datetime'), { unique: true }));
    expect(brief(report.failures)).toEqual([
      {
        column: 'at',
        rule: 'unique',
        failing_count: 2,
        rows: [0, 2],
        values: ['2020-01-01T00:00:00.000Z', '2020-01-01T00:00:00Z'],
      },
    ]);
  });

  it('passes when values are distinct, and unique: false checks nothing', async () => {
    expect(
      (await validate('u1.csv', 'k\na\nb\nNA\nNA\n', only(column('k', 'string'), { unique: true })))
        .valid,
    ).toBe(true);
    expect(
      (await validate('u2.csv', 'k\na\na\n', only(column('k', 'string'), { unique: false }))).valid,
    ).toBe(true);
  });
});

describe('validateDataset: examples and counts', () => {
  it('keeps the first five examples and counts every failing row', async () => {
    const values = Array.from({ length: 40 }, (_, i) => (i % 3 === 0 ? `bad${i}` : String(i)));
    const report = await validate(
      'many.csv',
      `n\n${values.join('\n')}\n`,
      only(column('n', 'integer')),
    );
    expect(report.failures[0]!.failing_count).toBe(14);
    expect(report.failures[0]!.examples).toEqual(
      [0, 3, 6, 9, 12].map((row) => ({ row, value: `bad${row}` })),
    );
  });

  it('reports Dates as ISO text and infinities as text, so the report survives JSON', async () => {
    const json = '[{"x": 1}, {"x": "Infinity"}, {"x": "-inf"}]';
    const report = await validate(
      'inf.json',
      json,
      only(column('x', 'float'), { max: 10, min: 0 }),
    );
    expect(report.failures.map((f) => f.examples)).toEqual([
      [{ row: 2, value: '-inf' }],
      [{ row: 1, value: 'Infinity' }],
    ]);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});

describe('validateDataset: columns', () => {
  const contract: DatasetContract = {
    schema: {
      columns: [
        column('a', 'integer', false),
        column('gone', 'string', false),
        column('maybe', 'float'),
      ],
    },
    expectations: { gone: { regex: 'x' }, maybe: { required: false, min: 0 } },
  };

  it('fails a missing schema column once, not per row, and skips one that may be absent', async () => {
    const report = await validate('cols.csv', 'a,extra\n1,x\n2,y\n3,z\n', contract);
    expect(report).toEqual({
      valid: false,
      rows: 3,
      columns_checked: 1,
      extra_columns: ['extra'],
      failures: [
        {
          column: 'gone',
          rule: 'required',
          expected: 'column present',
          failing_count: 3,
          examples: [],
        },
      ],
    });
  });

  it('lists extra columns without failing, unless extra_columns is "fail"', async () => {
    const schema = { columns: [column('a', 'integer')] };
    const allowed = await validate('x1.csv', 'a,b,c\n1,2,3\n', { schema });
    expect(allowed).toMatchObject({ valid: true, extra_columns: ['b', 'c'], failures: [] });
    const refused = await validate('x2.csv', 'a,b,c\n1,2,3\n', { schema, extra_columns: 'fail' });
    expect(refused.valid).toBe(false);
    expect(refused.failures).toEqual(
      ['b', 'c'].map((name) => ({
        column: name,
        rule: 'extra_columns',
        expected: 'no column outside the schema',
        failing_count: 1,
        examples: [],
      })),
    );
  });

  it('passes a file that keeps every rule', async () => {
    const csv =
      'id,origin,delay,when,ok\n1,SFO,-5,2020-01-01,true\n2,LAX,,2020-06-30,false\n3,SFO,120,2020-12-31,true\n';
    const report = await validate('good.csv', csv, {
      schema: {
        columns: [
          column('id', 'integer', false),
          column('origin', 'string', false),
          column('delay', 'integer', true),
          column('when', 'datetime', false),
          column('ok', 'boolean', false),
        ],
      },
      expectations: {
        id: { unique: true, min: 1 },
        origin: { allowed: ['SFO', 'LAX'], regex: '^[A-Z]{3}$' },
        delay: { min: -100, max: 2000 },
        when: { min: '2020-01-01', max: '2020-12-31' },
        ok: { allowed: [true, false] },
      },
      extra_columns: 'fail',
    });
    expect(report).toEqual({
      valid: true,
      rows: 3,
      columns_checked: 5,
      extra_columns: [],
      failures: [],
    });
  });

  it('refuses a contract with rules its schema cannot hold', async () => {
    const path = files.write('c.csv', 'a\n1\n');
    await expectInvalid(
      () =>
        validateDataset(readTableChunks(path), {
          schema: { columns: [column('a', 'string')] },
          expectations: { a: { min: 1 } },
        }),
      'rule_not_applicable',
      /column "a", rule "min"/,
    );
    await expectInvalid(
      () =>
        validateDataset(readTableChunks(path), {
          schema: { columns: [column('a', 'string')] },
          expectations: { b: { unique: true } },
        }),
      'unknown_column',
      /column "b": the contract has expectations for a column its schema lacks/,
    );
    const intColumn = { schema: { columns: [column('a', 'integer')] } };
    await expectInvalid(
      () =>
        validateDataset(readTableChunks(path), {
          ...intColumn,
          expectations: { a: { min: 5, max: 1 } },
        }),
      'min_greater_than_max',
      /^dataset contract: column "a", rule "min"/,
    );
    await expectInvalid(
      () =>
        validateDataset(readTableChunks(path), {
          ...intColumn,
          expectations: { a: { allowed: [1.5] } },
        }),
      'wrong_value_type',
      /because the column is integer \(in the schema\)/,
    );
  });
});
