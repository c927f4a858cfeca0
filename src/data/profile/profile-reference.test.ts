import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { vegaFile } from '../tabular/testing/tabular-fixtures.js';
import { profileFile } from './profile-file.js';
import type {
  CategoricalSummary,
  ColumnProfile,
  DatasetProfile,
  DatetimeSummary,
  NumericSummary,
} from './profile-format.js';

/**
 * Exact profiles against numpy and plain Python on real files: test/fixtures/profile.json, written
 * by scripts/fixtures/profile.py (see there for how each figure is computed independently).
 */
interface ReferenceColumn {
  name: string;
  type: ColumnProfile['type'];
  count: number;
  missing: number;
  numeric?: Omit<NumericSummary, 'quantiles_exact' | 'quantile_rank_error'> | null;
  categorical?: Omit<CategoricalSummary, 'cardinality_exact' | 'counts_exact' | 'count_error'>;
  datetime?: DatetimeSummary | null;
  boolean?: { true_count: number; false_count: number };
}

interface Fixture {
  numpy: string;
  settings: { bins: number; top_k: number; categories: number };
  files: { file: string; rows: number; columns: ReferenceColumn[] }[];
}

const fixture = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/profile.json', import.meta.url), 'utf8'),
) as Fixture;

/** Within 1e-9, relative to the size of the value (sums of 10^8-sized grosses differ in the last bits). */
function expectClose(actual: number | null | undefined, expected: number | null): void {
  if (expected === null) {
    expect(actual).toBeNull();
    return;
  }
  expect(typeof actual).toBe('number');
  expect(Math.abs(actual! - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
}

function expectNumeric(actual: NumericSummary | null, expected: ReferenceColumn['numeric']): void {
  if (!expected) {
    expect(actual).toBeNull();
    return;
  }
  expect(actual).not.toBeNull();
  const summary = actual!;
  expectClose(summary.min, expected.min);
  expectClose(summary.max, expected.max);
  expectClose(summary.mean, expected.mean);
  expectClose(summary.std, expected.std);
  expect(summary.zeros).toBe(expected.zeros);
  expect(summary.infinite).toBe(expected.infinite);
  expect(summary.quantiles_exact).toBe(true);
  expect(summary.quantile_rank_error).toBe(0);
  for (const [name, value] of Object.entries(expected.quantiles)) {
    expectClose(summary.quantiles[name as keyof typeof summary.quantiles], value);
  }
  expect(summary.histogram.edges).toHaveLength(expected.histogram.edges.length);
  summary.histogram.edges.forEach((edge, i) => expectClose(edge, expected.histogram.edges[i]!));
  expect(summary.histogram.counts).toEqual(expected.histogram.counts);
}

describe.each(fixture.files)('the profile of $file agrees with numpy', (reference) => {
  let profile: DatasetProfile;
  beforeAll(async () => {
    profile = await profileFile(vegaFile(reference.file));
  });

  it('reads every row in one pass and lists the columns in file order', () => {
    expect(profile.row_count).toBe(reference.rows);
    expect(profile.passes).toBe(1);
    expect(profile.settings).toMatchObject(fixture.settings);
    expect(profile.columns.map((column) => column.name)).toEqual(
      reference.columns.map((column) => column.name),
    );
  });

  for (const expected of reference.columns) {
    it(`column "${expected.name}" (${expected.type})`, () => {
      const column = profile.columns.find((candidate) => candidate.name === expected.name)!;
      expect(column.type).toBe(expected.type);
      expect(column.type_source).toBe('inferred');
      expect(column.count).toBe(expected.count);
      expect(column.missing).toBe(expected.missing);
      expect(column.invalid).toBe(0);
      expect(column.nullable).toBe(expected.missing > 0);
      expect(column.count + column.missing).toBe(reference.rows);
      expect(column.sample).toHaveLength(Math.min(column.count, profile.settings.reservoir_size));
      switch (column.type) {
        case 'integer':
        case 'float':
          expectNumeric(column.numeric, expected.numeric);
          break;
        case 'string':
          expect(column.categorical).toMatchObject(expected.categorical!);
          expect(column.categorical.cardinality_exact).toBe(true);
          expect(column.categorical.counts_exact).toBe(true);
          break;
        case 'datetime':
          expect(column.datetime).toEqual(expected.datetime);
          break;
        case 'boolean':
          expect(column.boolean).toEqual(expected.boolean);
      }
    });
  }
});
