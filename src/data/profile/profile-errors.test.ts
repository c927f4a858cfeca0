import { afterAll, describe, expect, it } from 'vitest';
import type { TableChunk } from '../tabular/index.js';
import { TempFiles, vegaFile } from '../tabular/testing/tabular-fixtures.js';
import { profileDataset } from './profile-dataset.js';
import { profileFile } from './profile-file.js';
import type { ProfileOptions } from './profile-options.js';
import { expectInvalid } from './testing/expect-error.js';
import { memoryChunks } from './testing/memory-chunks.js';

const files = new TempFiles();
afterAll(() => files.remove());

describe('profiling data that cannot be profiled', () => {
  it('refuses a stream with no chunks', async () => {
    const nothing = async function* (): AsyncGenerator<TableChunk> {};
    await expectInvalid(() => profileDataset(nothing), 'empty_dataset', /no columns/);
  });

  it('refuses chunks without rows, naming the columns', async () => {
    // eslint-disable-next-line @typescript-eslint/require-await
    const empty = async function* (): AsyncGenerator<TableChunk> {
      yield { columns: ['a', 'b'], rowOffset: 0, rowCount: 0, values: { a: [], b: [] } };
    };
    await expectInvalid(() => profileDataset(empty), 'empty_dataset', /no rows \(columns a, b\)/);
    const headerOnly = files.write('header.csv', 'price,city\n');
    await expectInvalid(() => profileFile(headerOnly), 'empty_dataset', /price, city/);
  });

  it('passes on the reader’s errors with their reasons', async () => {
    const ragged = files.write('ragged.csv', 'a,b\n1,2\n3\n');
    await expectInvalid(() => profileFile(ragged), 'ragged_row', /line 3/);
  });

  it('refuses data that changes between the two passes', async () => {
    let opened = 0;
    const shrinking = async function* (): AsyncGenerator<TableChunk> {
      opened++;
      const rows = opened === 1 ? 300 : 200;
      // Text after numbers makes the column mixed, so a second pass is needed.
      const cells = Array.from({ length: rows }, (_, i) => (i === 150 ? 'n/a' : i));
      await Promise.resolve();
      yield { columns: ['x'], rowOffset: 0, rowCount: rows, values: { x: cells } };
    };
    const error = await expectInvalid(() => profileDataset(shrinking), 'source_changed');
    expect(error.details).toMatchObject({ first_pass_rows: 300, second_pass_rows: 200 });
  });

  it.each<[keyof ProfileOptions, unknown]>([
    ['bins', 0],
    ['bins', 2.5],
    ['topK', -1],
    ['reservoirSize', 10_000_000],
    ['seed', -1],
    ['exactLimit', 0],
    ['distinctLimit', Number.NaN],
  ])('refuses %s = %s, naming the option', async (field, value) => {
    const source = memoryChunks({ a: [1, 2, 3] });
    const error = await expectInvalid(
      () => profileDataset(source.open, { [field]: value }),
      'invalid_option',
      new RegExp(`^${field} must be an integer`),
    );
    expect(error.details?.field).toBe(field);
    expect(source.opened()).toBe(0);
  });

  it('refuses a schema with an unknown type or a repeated column', async () => {
    const cars = () => profileFile(vegaFile('cars.json'), { schema });
    let schema = { columns: [{ name: 'Name', type: 'text' as 'string', nullable: false }] };
    await expectInvalid(cars, 'invalid_schema', /"Name" has type "text"/);
    schema = {
      columns: [
        { name: 'Name', type: 'string', nullable: false },
        { name: 'Name', type: 'string', nullable: true },
      ],
    };
    await expectInvalid(cars, 'invalid_schema', /names column "Name" twice/);
  });

  it('profiles a column of nothing but missing values without failing', async () => {
    const source = memoryChunks({ id: [1, 2, 3, 4], empty: [null, null, Number.NaN, null] }, 2);
    const profile = await profileDataset(source.open);
    expect(profile.columns[1]).toEqual({
      name: 'empty',
      type: 'float',
      type_source: 'inferred',
      nullable: true,
      count: 0,
      missing: 4,
      invalid: 0,
      note: 'every value is missing',
      numeric: null,
      sample: [],
    });
  });
});
