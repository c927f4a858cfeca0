import type {
  AddedDatasetVersion,
  DatasetLineage,
  DatasetPageQuery,
  DatasetVersion,
} from '../data/datasets/index.js';
import type { DatasetDiff } from '../data/diff/index.js';
import type { TabularFormat } from '../data/tabular/index.js';
import type { ValidationReport } from '../data/validate/index.js';
import type { DatasetSummary, Page } from '../store/index.js';

export interface AddDatasetOptions {
  /** A CSV, TSV, JSON, JSON Lines, Parquet or Arrow IPC file (optionally gzip-compressed text). */
  file: string;
  name: string;
  format?: TabularFormat;
  description?: string;
  tags?: Record<string, string>;
  /** Pinned types and expectations: a spec object, or the text of a JSON/YAML spec file. */
  spec?: unknown;
  /** Bytes hashed/uploaded, then rows read per pass (local stores only). */
  onProgress?: (progress: { pass: string; rows?: number; bytes?: number }) => void;
}

/** Datasets as the SDK offers them, against a local store or a server. */
export interface DatasetsApi {
  /** Adds a file as the next version of `name`; identical bytes and spec add nothing. */
  add(options: AddDatasetOptions): Promise<AddedDatasetVersion>;
  /** The version a URI (`datasets:/NAME/3`, `datasets:/NAME@alias`) or `NAME@3` names. */
  get(ref: string): Promise<DatasetVersion>;
  list(query?: DatasetPageQuery): Promise<Page<DatasetSummary>>;
  versions(name: string, query?: DatasetPageQuery): Promise<Page<DatasetVersion>>;
  profile(ref: string): Promise<{ version: DatasetVersion; profile: unknown }>;
  lineage(ref: string): Promise<{ version: DatasetVersion } & DatasetLineage>;
  setAlias(ref: string, alias: string): Promise<DatasetVersion>;
  deleteAlias(name: string, alias: string): Promise<void>;
  /** Writes the version's file to `destination` (verified against its digest). */
  download(
    ref: string,
    destination: string,
    onBytes?: (bytes: number, total: number) => void,
  ): Promise<DatasetVersion>;
  /** Checks a local file against a version's schema and expectations; nothing is stored. */
  validate(
    file: string,
    against: string,
    options?: { format?: TabularFormat },
  ): Promise<ValidationReport>;
  /** Schema, row count and per-column statistic changes between two versions, with a drift score. */
  diff(a: string, b: string): Promise<DatasetDiff>;
  /** A local file holding the version's bytes (a server's are downloaded to a temporary file). */
  localFile(
    ref: string,
  ): Promise<{ version: DatasetVersion; path: string; release(): Promise<void> }>;
}
