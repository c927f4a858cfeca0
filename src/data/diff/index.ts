/** Comparing two dataset versions from their stored schemas and profiles. */
export { diffProfiles, type DiffSide } from './diff-profiles.js';
export {
  DRIFT_THRESHOLD,
  type ColumnDiff,
  type ColumnDrift,
  type DatasetDiff,
  type SchemaChange,
  type StatisticChange,
} from './dataset-diff.js';
