import { GyreError, invalidParameter } from '../../core/errors/index.js';
import type { TableChunk } from '../tabular/index.js';
import { ColumnProfiler } from './column-profiler.js';
import { PROFILE_FORMAT_VERSION, type DatasetProfile } from './profile-format.js';
import { pinnedColumns, profileSettings, type ProfileOptions } from './profile-options.js';
import { columnSeed } from './random.js';

/**
 * Profiles a dataset streamed as columnar chunks, in memory bounded by the number of columns
 * (not rows): per column, statistics and quantiles, a histogram on fixed edges, category counts,
 * datetime periods and a seeded sample — the stored profile of a dataset version and the
 * reference drift checks compare against. See docs/dataset-profiles.md for the format.
 *
 * `open` is called once per pass and must give the same rows each time. A second pass is made
 * only when a numeric column was too large and varied for exact quantiles (its histogram is then
 * counted on edges read off a quantile sketch) or an inferred column turned out to mix types.
 * Throws GyreError INVALID_PARAMETER_VALUE with `details.reason`: `invalid_option` or
 * `invalid_schema` for bad options, `empty_dataset` when there are no rows or no columns, and
 * `source_changed` when the second pass reads a different number of rows.
 */
export async function profileDataset(
  open: () => AsyncIterable<TableChunk>,
  options: ProfileOptions = {},
): Promise<DatasetProfile> {
  const settings = profileSettings(options);
  const pinned = pinnedColumns(options.schema);
  const profilers = new Map<string, ColumnProfiler>();
  const profilerFor = (name: string, rowsBefore: number) =>
    new ColumnProfiler(
      name,
      settings,
      columnSeed(settings.seed, name, profilers.size),
      pinned.get(name)?.type,
      rowsBefore,
    );

  let rows = 0;
  for await (const chunk of open()) {
    for (const name of chunk.columns) {
      if (!profilers.has(name)) profilers.set(name, profilerFor(name, rows));
    }
    for (const [name, profiler] of profilers)
      profiler.add(chunk.values[name], chunk.rowCount, rows);
    rows += chunk.rowCount;
    options.onProgress?.(rows, 1);
  }
  if (rows === 0 || profilers.size === 0) {
    throw invalidParameter(
      profilers.size === 0
        ? 'the data has no columns: there is nothing to profile'
        : `the data has no rows (columns ${[...profilers.keys()].join(', ')}): there is nothing to profile`,
      { reason: 'empty_dataset' },
    );
  }
  // Pinned columns the data lacks are profiled as entirely missing; the validator reports them.
  for (const name of pinned.keys()) {
    if (!profilers.has(name)) profilers.set(name, profilerFor(name, rows));
  }

  const recounted = [...profilers.values()].filter((profiler) =>
    profiler.endFirstPass(settings.bins),
  );
  if (recounted.length > 0) await countAgain(open, recounted, rows, options);

  return {
    version: PROFILE_FORMAT_VERSION,
    row_count: rows,
    passes: recounted.length > 0 ? 2 : 1,
    settings,
    columns: [...profilers.values()].map((profiler) => profiler.result()),
  };
}

async function countAgain(
  open: () => AsyncIterable<TableChunk>,
  profilers: ColumnProfiler[],
  expectedRows: number,
  options: ProfileOptions,
): Promise<void> {
  let rows = 0;
  for await (const chunk of open()) {
    for (const profiler of profilers) {
      profiler.recount(chunk.values[profiler.name], chunk.rowCount);
    }
    rows += chunk.rowCount;
    options.onProgress?.(rows, 2);
  }
  if (rows !== expectedRows) {
    throw new GyreError(
      'INVALID_PARAMETER_VALUE',
      `the data changed while it was profiled: the first pass read ${expectedRows} rows, the second ${rows}`,
      {
        details: {
          reason: 'source_changed',
          first_pass_rows: expectedRows,
          second_pass_rows: rows,
        },
      },
    );
  }
}
