/** Streaming dataset profiles: the stored summary of a dataset version and drift's reference. */
export { profileDataset } from './profile-dataset.js';
export { profileFile } from './profile-file.js';
export { PROFILE_DEFAULTS, type ProfileOptions } from './profile-options.js';
export {
  PROFILE_FORMAT_VERSION,
  QUANTILES,
  type BooleanColumnProfile,
  type CategoricalColumnProfile,
  type CategoricalSummary,
  type CategoryCount,
  type ColumnHead,
  type ColumnProfile,
  type DatasetProfile,
  type DatetimeColumnProfile,
  type DatetimePeriod,
  type DatetimeSummary,
  type Histogram,
  type NumericColumnProfile,
  type NumericSummary,
  type ProfileSettings,
  type QuantileName,
} from './profile-format.js';
export { binByEdges, type BinnedCounts } from './histogram.js';
export { KllSketch, kllRankError } from './kll-sketch.js';
export { MAX_DATETIME_BUCKETS } from './datetime-accumulator.js';
