import type { DatasetSummary, DatasetVersionRecord, NewDatasetVersion } from './dataset-model.js';
import type { ListWindow } from './store.js';

/**
 * Versioned datasets. Same contract as the rest of the Store (atomic, GyreError codes, safe
 * across processes). Versions are immutable once created; a dataset exists while it has one.
 */
export interface DatasetStore {
  /**
   * Numbers the version max+1 for its dataset, creating the dataset with its first version —
   * unless the dataset already has a version with the same digest and spec (compared in the same
   * transaction, so two concurrent adds of one file make one version): that one is returned with
   * `created: false`.
   */
  createVersion(
    input: NewDatasetVersion,
    now: number,
  ): Promise<{ version: DatasetVersionRecord; created: boolean }>;
  get(name: string, version: number): Promise<DatasetVersionRecord | undefined>;
  latest(name: string): Promise<DatasetVersionRecord | undefined>;
  /** The profile stored with the version, undefined for an unknown version. */
  profile(name: string, version: number): Promise<unknown>;
  /** Default order: name ASC. One row more than `limit` when more exist. */
  list(window: ListWindow): Promise<DatasetSummary[]>;
  /** Versions newest first. One row more than `limit` when more exist. */
  versions(name: string, window: ListWindow): Promise<DatasetVersionRecord[]>;
  /** Every version with these bytes, oldest first, across datasets. */
  withDigest(digest: string): Promise<{ name: string; version: number }[]>;
  /** Points the alias at the version, moving it if it pointed elsewhere. */
  setAlias(name: string, alias: string, version: number, now: number): Promise<void>;
  deleteAlias(name: string, alias: string, now: number): Promise<void>;
  /** The version the alias points to, undefined when there is no such alias. */
  alias(name: string, alias: string): Promise<number | undefined>;
}
