/** Records of versioned datasets as the store keeps them. Times are ms since the epoch. */

/**
 * One immutable version of a dataset. The schema, profile and spec are JSON the dataset service
 * writes and types; the store keeps them verbatim. The profile can be large (histograms, a
 * reservoir sample per column), so it is read on its own (`DatasetStore.profile`).
 */
export interface DatasetVersionRecord {
  name: string;
  version: number;
  /** sha256 (lowercase hex) of the file's bytes: also the blob's name in the artifact store. */
  digest: string;
  size: number;
  rowCount: number;
  /** The tabular format the bytes are read as (csv, tsv, json, jsonl, parquet, arrow). */
  format: string;
  /** The file name it was added from, for people; never read back. */
  source: string;
  description: string;
  userId: string;
  creationTime: number;
  schema: unknown;
  /** The pinned types and expectations the version was added with, or null. */
  spec: unknown;
  tags: Record<string, string>;
  aliases: string[];
}

export interface DatasetSummary {
  name: string;
  creationTime: number;
  lastUpdateTime: number;
  latestVersion: number;
  versionCount: number;
  /** alias → version number */
  aliases: Record<string, number>;
}

export interface NewDatasetVersion {
  name: string;
  digest: string;
  size: number;
  rowCount: number;
  format: string;
  source: string;
  description: string;
  userId: string;
  schema: unknown;
  profile: unknown;
  spec: unknown;
  tags: Record<string, string>;
}
