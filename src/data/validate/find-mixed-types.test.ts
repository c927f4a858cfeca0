import { afterAll, describe, expect, it } from 'vitest';
import { expectInvalid } from '../schema/testing/expect-invalid.js';
import {
  inferColumnTypes,
  readTable,
  readTableChunks,
  type ColumnTypeInfo,
  type TableChunk,
} from '../tabular/index.js';
import { TempFiles, vegaFile } from '../tabular/testing/tabular-fixtures.js';
import { findMixedTypes } from './find-mixed-types.js';
import { refuseMixedTypes } from './refuse-mixed-types.js';

const files = new TempFiles();
afterAll(() => files.remove());

async function typesOf(path: string): Promise<ColumnTypeInfo[]> {
  return inferColumnTypes(await readTable(path));
}

/** The chunks of a file, counting how many were taken, to see where the pass stopped. */
function counted(
  path: string,
  chunkRows: number,
): { chunks: AsyncIterable<TableChunk>; taken: () => number } {
  let taken = 0;
  async function* chunks() {
    for await (const chunk of readTableChunks(path, { chunkRows })) {
      taken++;
      yield chunk;
    }
  }
  return { chunks: chunks(), taken: () => taken };
}

// 1461 delays: 12 are words or blanks-with-spaces (not NA), at rows 3, 100, 200, …
const delays = Array.from({ length: 1461 }, (_, row) => String((row * 7) % 300));
const badRows = [3, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1460];
for (const [i, row] of badRows.entries()) delays[row] = i % 2 === 0 ? 'n/a ' : '?';
const delayCsv = `delay,origin\n${delays.map((d, i) => `${d},${i % 2 ? 'SFO' : 'LAX'}`).join('\n')}\n`;

describe('findMixedTypes', () => {
  it('finds a numeric column with a few words: counts, majority and the first five rows', async () => {
    const path = files.write('delays.csv', delayCsv);
    const types = await typesOf(path);
    expect(types[0]!.note).toMatch(/^12 of 1461 values are not numbers/);
    expect(await findMixedTypes(types, readTableChunks(path))).toEqual([
      {
        column: 'delay',
        majority: 'number',
        present: 1461,
        offending_count: 12,
        examples: [
          { row: 3, value: 'n/a ' },
          { row: 100, value: '?' },
          { row: 200, value: 'n/a ' },
          { row: 300, value: '?' },
          { row: 400, value: 'n/a ' },
        ],
      },
    ]);
  });

  it('stops reading once it has five rows of every mixed column', async () => {
    const path = files.write('delays2.csv', delayCsv);
    const { chunks, taken } = counted(path, 50);
    await findMixedTypes(await typesOf(path), chunks);
    expect(taken()).toBe(9); // row 400 is in the ninth chunk of 50 rows; the file has 30
  });

  it('does not read the file when no column is mixed', async () => {
    const path = vegaFile('seattle-weather.csv');
    const { chunks, taken } = counted(path, 100);
    expect(await findMixedTypes(await typesOf(path), chunks)).toEqual([]);
    expect(taken()).toBe(0);
  });

  it('finds booleans and datetimes with strays; missing values are not strays', async () => {
    const csv = 'flag,when\ntrue,2020-01-01\nFalse,2020-01-02\nyes,NA\nTRUE,soon\n,2020-01-05\n';
    const path = files.write('kinds.csv', csv);
    const found = await findMixedTypes(await typesOf(path), readTableChunks(path));
    expect(
      found.map(({ column, majority, offending_count, examples }) => ({
        column,
        majority,
        offending_count,
        examples,
      })),
    ).toEqual([
      {
        column: 'flag',
        majority: 'boolean',
        offending_count: 1,
        examples: [{ row: 2, value: 'yes' }],
      },
      {
        column: 'when',
        majority: 'datetime',
        offending_count: 1,
        examples: [{ row: 3, value: 'soon' }],
      },
    ]);
  });

  it('leaves columns that are mostly text: real airport codes, film titles and city names', async () => {
    for (const file of ['airports.csv', 'movies.json', 'zipcodes.csv']) {
      const types = await typesOf(vegaFile(file));
      expect(
        types.some((t) => t.note !== undefined && t.type === 'string'),
        file,
      ).toBe(true);
      expect(await findMixedTypes(types, readTableChunks(vegaFile(file))), file).toEqual([]);
    }
  });

  it('skips a column whose type the spec pins', async () => {
    const path = files.write('pinned.csv', delayCsv);
    const spec = { columns: { delay: { type: 'string' as const } } };
    expect(await findMixedTypes(await typesOf(path), readTableChunks(path), spec)).toEqual([]);
  });
});

describe('refuseMixedTypes', () => {
  it('throws mixed_types naming the column, the first rows and both ways out', async () => {
    const path = files.write('refuse.csv', delayCsv);
    const types = await typesOf(path);
    const error = await expectInvalid(
      () => refuseMixedTypes(types, readTableChunks(path), { path: 'delays.csv' }),
      'mixed_types',
    );
    expect(error.message).toBe(
      'delays.csv: column "delay" holds numbers, but 12 of 1461 values are not numbers: ' +
        'row 3 "n/a ", row 100 "?", row 200 "n/a ", row 300 "?", row 400 "n/a ", …. ' +
        "Fix those rows, or pin the column's type to string in the dataset spec to keep it as text: " +
        '{"columns":{"delay":{"type":"string"}}}.',
    );
    expect(error.details).toEqual({
      reason: 'mixed_types',
      path: 'delays.csv',
      column: 'delay',
      row: 3,
      rows: [3, 100, 200, 300, 400],
      values: ['n/a ', '?', 'n/a ', '?', 'n/a '],
      majority: 'number',
      offending_count: 12,
      columns: ['delay'],
    });
  });

  it('names the other mixed columns too, and lists fewer rows without "…" when there are fewer', async () => {
    const csv = 'a,b,c\n1,true,x\n2,false,y\nthree,maybe,z\n4,true,w\n';
    const path = files.write('two.csv', csv);
    const types = await typesOf(path);
    const error = await expectInvalid(
      () => refuseMixedTypes(types, readTableChunks(path)),
      'mixed_types',
      /^column "a" holds numbers, but 1 of 4 values are not numbers: row 2 "three"\. Fix those rows, .* Column "b" mixes kinds too\.$/,
    );
    expect(error.details).toMatchObject({ columns: ['a', 'b'], rows: [2] });
  });

  it('returns quietly when nothing is mixed, or the spec pins the type', async () => {
    const path = files.write('ok.csv', delayCsv);
    const spec = { columns: { delay: { type: 'string' as const } } };
    const types = await typesOf(path);
    await expect(refuseMixedTypes(types, readTableChunks(path), { spec })).resolves.toBeUndefined();
    const clean = vegaFile('penguins.json');
    await expect(
      refuseMixedTypes(await typesOf(clean), readTableChunks(clean)),
    ).resolves.toBeUndefined();
  });
});
