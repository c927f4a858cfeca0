import {
  Bool,
  DateDay,
  DateMillisecond,
  Decimal,
  Dictionary,
  Field,
  Float64,
  Int32,
  Int64,
  LargeUtf8,
  List,
  makeData,
  makeVector,
  type RecordBatch,
  Table as ArrowTable,
  tableToIPC,
  TimestampMicrosecond,
  TimestampNanosecond,
  TimestampSecond,
  Uint64,
  Utf8,
  vectorFromArray,
} from 'apache-arrow';
import * as parquet from 'parquet-wasm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inferColumnTypes } from './column-types.js';
import { openTabular, readTableChunks } from './open.js';
import { readTable } from './table.js';
import { expectReadError, TempFiles } from './testing/tabular-fixtures.js';
import type { TableChunk } from './types.js';

let files: TempFiles;
beforeEach(() => {
  files = new TempFiles();
});
afterEach(() => files.remove());

/** One column of each type the readers special-case, with a null in every column. */
function typedTable(): ArrowTable {
  return new ArrowTable({
    dict: vectorFromArray(
      ['Biscoe', 'Dream', 'Biscoe', null],
      new Dictionary(new Utf8(), new Int32()),
    ),
    i64: vectorFromArray([1n, null, -(2n ** 53n) + 1n, 2n ** 53n - 1n], new Int64()),
    u64: vectorFromArray([0n, 5n, null, 7n], new Uint64()),
    // vectorFromArray takes timestamps in milliseconds and stores them in the column's unit.
    ts_s: vectorFromArray([0, 1_000, null, -1_000], new TimestampSecond()),
    ts_us: vectorFromArray([978_307_260_000, null, 0, 1], new TimestampMicrosecond()),
    ts_ns: vectorFromArray([978_307_260_000, null, 0, 1], new TimestampNanosecond()),
    day: vectorFromArray(
      [new Date('2020-01-02'), null, new Date('1969-12-31'), new Date(0)],
      new DateDay(),
    ),
    date_ms: vectorFromArray(
      [new Date('2020-01-02T03:04:05.006Z'), null, new Date(0), new Date(1)],
      new DateMillisecond(),
    ),
    flag: vectorFromArray([true, false, null, true], new Bool()),
    text: vectorFromArray(['Zoë', 'Åsa', null, 'plain'], new LargeUtf8()),
    f: vectorFromArray([1.5, NaN, null, -0.25], new Float64()),
    list: vectorFromArray([[1, 2], [], null, [3]], new List(new Field('item', new Int32(), true))),
  });
}

const expectedValues = {
  dict: ['Biscoe', 'Dream', 'Biscoe', null],
  i64: [1, null, -9007199254740991, 9007199254740991],
  u64: [0, 5, null, 7],
  ts_s: [new Date(0), new Date(1_000), null, new Date(-1_000)],
  ts_us: [new Date('2001-01-01T00:01:00Z'), null, new Date(0), new Date(1)],
  ts_ns: [new Date('2001-01-01T00:01:00Z'), null, new Date(0), new Date(1)],
  day: [new Date('2020-01-02'), null, new Date('1969-12-31'), new Date(0)],
  date_ms: [new Date('2020-01-02T03:04:05.006Z'), null, new Date(0), new Date(1)],
  flag: [true, false, null, true],
  text: ['Zoë', 'Åsa', null, 'plain'],
  f: [1.5, NaN, null, -0.25],
  list: ['[1,2]', '[]', null, '[3]'],
};

function writeParquet(name: string, table: ArrowTable, rowGroupRows?: number): string {
  const wasmTable = parquet.Table.fromIPCStream(tableToIPC(table, 'stream'));
  let properties = new parquet.WriterPropertiesBuilder();
  if (rowGroupRows) properties = properties.setMaxRowGroupSize(rowGroupRows);
  return files.write(name, parquet.writeParquet(wasmTable, properties.build()));
}

describe('Arrow IPC and Parquet values', () => {
  for (const [label, write] of [
    ['Arrow IPC file', () => files.write('typed.arrow', tableToIPC(typedTable(), 'file'))],
    ['Arrow IPC stream', () => files.write('typed.arrows', tableToIPC(typedTable(), 'stream'))],
    ['Parquet', () => writeParquet('typed.parquet', typedTable())],
  ] as const) {
    it(`${label}: dictionaries → strings, int64 → numbers, dates and timestamps → Date`, async () => {
      const table = await readTable(write());
      expect(table.columns).toEqual(Object.keys(expectedValues));
      expect(table.values).toEqual(expectedValues);
      const types = Object.fromEntries(inferColumnTypes(table).map((c) => [c.name, c.type]));
      expect(types).toMatchObject({
        dict: 'string',
        i64: 'integer',
        ts_ns: 'datetime',
        day: 'datetime',
        flag: 'boolean',
        text: 'string',
        f: 'float',
      });
    });
  }

  it('splits record batches and row groups into chunks of at most chunkRows', async () => {
    const n = 1000;
    const batch = (from: number) =>
      new ArrowTable({
        id: vectorFromArray(
          Array.from({ length: n }, (_, i) => BigInt(from + i)),
          new Int64(),
        ),
        code: vectorFromArray(
          Array.from({ length: n }, (_, i) => `c${(from + i) % 7}`),
          new Utf8(),
        ),
      }).batches as RecordBatch[];
    const twoBatches = new ArrowTable([...batch(0), ...batch(n)]);
    for (const path of [
      files.write('batches.arrow', tableToIPC(twoBatches, 'file')),
      writeParquet('groups.parquet', twoBatches, 300),
    ]) {
      const chunks: TableChunk[] = [];
      for await (const chunk of readTableChunks(path, { chunkRows: 128 })) chunks.push(chunk);
      expect(
        chunks.every((c) => c.rowCount <= 128),
        path,
      ).toBe(true);
      expect(chunks.flatMap((c) => c.values.id)).toEqual(
        Array.from({ length: 2 * n }, (_, i) => i),
      );
      expect(chunks.map((c) => c.rowOffset)).toEqual(
        chunks.map((_, k) => chunks.slice(0, k).reduce((sum, c) => sum + c.rowCount, 0)),
      );
      expect(chunks.at(-1)!.values.code!.at(-1)).toBe(`c${(2 * n - 1) % 7}`);
    }
  });

  it('reads decimals as the nearest number', async () => {
    // 128-bit little-endian two's complement: 12345 and -5, at scale 2.
    const words = new Uint32Array([12345, 0, 0, 0, 0xfffffffb, 0xffffffff, 0xffffffff, 0xffffffff]);
    const price = makeVector(makeData({ type: new Decimal(2, 10, 128), length: 2, data: words }));
    const table = new ArrowTable({ price });
    for (const path of [
      files.write('decimal.arrow', tableToIPC(table, 'file')),
      writeParquet('decimal.parquet', table),
    ]) {
      expect((await readTable(path)).values.price, path).toEqual([123.45, -0.05]);
    }
  });

  it('reads a file with a schema and no rows as columns without rows', async () => {
    const empty = new ArrowTable({
      a: vectorFromArray([], new Float64()),
      b: vectorFromArray([], new Utf8()),
    });
    for (const path of [
      files.write('empty.arrow', tableToIPC(empty, 'file')),
      writeParquet('empty.parquet', empty),
    ]) {
      const table = await readTable(path);
      expect(table, path).toMatchObject({ columns: ['a', 'b'], rowCount: 0 });
    }
  });

  it('refuses 64-bit integers a double cannot hold, naming column and row', async () => {
    const big = new ArrowTable({ id: vectorFromArray([1n, 2n ** 53n + 1n], new Int64()) });
    for (const path of [
      files.write('big.arrow', tableToIPC(big, 'file')),
      writeParquet('big.parquet', big),
    ]) {
      const error = await expectReadError(
        readTable(path),
        'integer_too_large',
        /column "id" row 1 holds 9007199254740993, beyond ±2\^53/,
      );
      expect(error.details).toMatchObject({ column: 'id', row: 1 });
    }
  });

  it('detects Parquet and Arrow by their magic bytes when the extension says nothing', async () => {
    const table = typedTable();
    for (const [name, bytes, format] of [
      [
        'p.bin',
        parquet.writeParquet(parquet.Table.fromIPCStream(tableToIPC(table, 'stream'))),
        'parquet',
      ],
      ['a.bin', tableToIPC(table, 'file'), 'arrow'],
      ['s', tableToIPC(table, 'stream'), 'arrow'],
    ] as const) {
      const source = await openTabular(files.write(name, bytes));
      expect(source.format, name).toBe(format);
      await source.close();
    }
  });

  describe('unreadable files', () => {
    it('a .parquet file that is not Parquet, or is cut short', async () => {
      await expectReadError(
        readTable(files.write('text.parquet', 'a,b\n1,2\n')),
        'unreadable_parquet',
        /text\.parquet: is not a readable Parquet file: /,
      );
      const whole = parquet.writeParquet(
        parquet.Table.fromIPCStream(tableToIPC(typedTable(), 'stream')),
      );
      await expectReadError(
        readTable(files.write('cut.parquet', whole.subarray(0, whole.length - 20))),
        'unreadable_parquet',
        /cut\.parquet: is not a readable Parquet file/,
      );
    });

    it('a .arrow file that is not Arrow, or is cut short', async () => {
      await expectReadError(
        readTable(files.write('text.arrow', 'a,b\n1,2\n')),
        'unreadable_arrow',
        /text\.arrow: is not a readable Arrow IPC file/,
      );
      const whole = tableToIPC(typedTable(), 'stream');
      await expectReadError(
        readTable(files.write('cut.arrows', whole.subarray(0, whole.length - 100))),
        'unreadable_arrow',
        /cut\.arrows: is not a readable Arrow IPC file/,
      );
    });

    it('gzip-compressed Parquet', async () => {
      const { gzipSync } = await import('node:zlib');
      const bytes = parquet.writeParquet(
        parquet.Table.fromIPCStream(tableToIPC(typedTable(), 'stream')),
      );
      await expectReadError(
        readTable(files.write('data.parquet.gz', gzipSync(bytes))),
        'unknown_format',
        /is gzip-compressed Parquet/,
      );
    });
  });
});
