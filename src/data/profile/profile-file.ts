import { readTableChunks, type TabularReadOptions } from '../tabular/index.js';
import { profileDataset } from './profile-dataset.js';
import type { DatasetProfile } from './profile-format.js';
import type { ProfileOptions } from './profile-options.js';

/** Profiles a tabular file (CSV, TSV, JSON, JSON Lines, Parquet, Arrow), reading it per pass. */
export function profileFile(
  path: string,
  options: ProfileOptions = {},
  readOptions: TabularReadOptions = {},
): Promise<DatasetProfile> {
  return profileDataset(() => readTableChunks(path, readOptions), options);
}
