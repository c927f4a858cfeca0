import type { Readable } from 'node:stream';
import type { BlobStore, StoredBlob } from '../../artifacts/index.js';
import { notFound } from '../../core/errors/index.js';
import { decodePageToken, resolveMaxResults, toPage } from '../../core/paging/index.js';
import type { DatasetSummary, Page, Store } from '../../store/index.js';
import { diffProfiles, type DatasetDiff } from '../diff/index.js';
import type { DatasetProfile } from '../profile/index.js';
import type { DatasetSchema } from '../schema/index.js';
import type { TabularFormat } from '../tabular/index.js';
import type { ValidationReport } from '../validate/index.js';
import {
  addDatasetVersion,
  type AddDatasetInput,
  type AddedDatasetVersion,
} from './add-dataset-version.js';
import type { DatasetRef } from './dataset-ref.js';
import { resolveDatasetVersion } from './resolve-dataset.js';
import { datasetLineage, type DatasetLineage } from './dataset-lineage.js';
import { validateDatasetAlias, validateDatasetName } from './dataset-names.js';
import { toDatasetVersion, type DatasetVersion } from './dataset-version.js';
import { namingSource } from './source-name.js';
import { validateAgainst } from './validate-against.js';

export interface DatasetDeps {
  store: Store;
  blobs: BlobStore;
  /** Milliseconds since the epoch; injectable so tests can control time. */
  clock?: () => number;
}

export interface DatasetPageQuery {
  maxResults?: number;
  pageToken?: string;
}

/**
 * Versioned datasets: content-addressed bytes in the artifact store, with the schema, profile
 * and expectations that describe them in the metadata store, and the runs that used them.
 */
export class DatasetService {
  constructor(private readonly deps: DatasetDeps) {}

  private now(): number {
    return (this.deps.clock ?? Date.now)();
  }

  /**
   * Stores a file's bytes (streamed, deduplicated by content) so `add` can make a version of
   * them; bytes no version uses are left for garbage collection.
   */
  async upload(content: Readable | AsyncIterable<Uint8Array>): Promise<StoredBlob> {
    return this.deps.blobs.put(content);
  }

  /** Whether bytes with this sha256 are stored already (so a client can skip the upload). */
  async hasUpload(digest: string): Promise<boolean> {
    return this.deps.blobs.has(digest);
  }

  /**
   * Adds the bytes of an uploaded blob as the next version of `name` (see addDatasetVersion):
   * the same bytes and spec as an existing version of `name` add nothing and return that one.
   */
  add(input: AddDatasetInput): Promise<AddedDatasetVersion> {
    return addDatasetVersion(this.deps, input, this.now());
  }

  /** The version a URI or `NAME@VERSION|ALIAS` names; RESOURCE_DOES_NOT_EXIST when none. */
  async resolve(ref: string | DatasetRef): Promise<DatasetVersion> {
    return resolveDatasetVersion(this.deps.store, ref);
  }

  /** The stored profile of the version a reference names. */
  async profile(ref: string | DatasetRef): Promise<{ version: DatasetVersion; profile: unknown }> {
    const version = await this.resolve(ref);
    const profile = await this.deps.store.datasets.profile(version.name, version.version);
    return { version, profile };
  }

  async list(query: DatasetPageQuery = {}): Promise<Page<DatasetSummary>> {
    const limit = resolveMaxResults(query.maxResults);
    const fingerprint = { kind: 'datasets' };
    const offset = decodePageToken(query.pageToken, fingerprint);
    return toPage(
      await this.deps.store.datasets.list({ offset, limit }),
      offset,
      limit,
      fingerprint,
    );
  }

  /** Versions of one dataset, newest first. */
  async versions(name: string, query: DatasetPageQuery = {}): Promise<Page<DatasetVersion>> {
    validateDatasetName(name);
    const limit = resolveMaxResults(query.maxResults);
    const fingerprint = { kind: 'dataset-versions', name };
    const offset = decodePageToken(query.pageToken, fingerprint);
    const rows = await this.deps.store.datasets.versions(name, { offset, limit });
    if (rows.length === 0 && offset === 0) throw notFound(`no dataset named '${name}'`, { name });
    const page = toPage(rows, offset, limit, fingerprint);
    return { items: page.items.map(toDatasetVersion), nextPageToken: page.nextPageToken };
  }

  async setAlias(ref: string, alias: string): Promise<DatasetVersion> {
    const version = await this.resolve(ref);
    await this.deps.store.datasets.setAlias(
      version.name,
      validateDatasetAlias(alias),
      version.version,
      this.now(),
    );
    return this.resolve({ kind: 'version', name: version.name, version: version.version });
  }

  async deleteAlias(name: string, alias: string): Promise<void> {
    await this.deps.store.datasets.deleteAlias(validateDatasetName(name), alias, this.now());
  }

  async lineage(ref: string | DatasetRef): Promise<{ version: DatasetVersion } & DatasetLineage> {
    const version = await this.resolve(ref);
    return { version, ...(await datasetLineage(this.deps.store, version.name, version.version)) };
  }

  /** The version's bytes, verified against its digest on the way out. */
  async open(ref: string | DatasetRef): Promise<{ version: DatasetVersion; content: Readable }> {
    const version = await this.resolve(ref);
    return { version, content: await this.deps.blobs.open(version.digest) };
  }

  /** Compares two versions from their stored schemas and profiles (neither file is read). */
  async diff(a: string | DatasetRef, b: string | DatasetRef): Promise<DatasetDiff> {
    const [before, after] = await Promise.all([this.profile(a), this.profile(b)]);
    const side = ({ version, profile }: { version: DatasetVersion; profile: unknown }) => ({
      uri: version.uri,
      schema: version.schema as DatasetSchema,
      profile: profile as DatasetProfile,
    });
    return diffProfiles(side(before), side(after));
  }

  /**
   * Checks a local file (or uploaded bytes, by digest) against a version's schema and
   * expectations; nothing is stored. `source` names the file in errors.
   */
  async validate(
    file: { path: string } | { digest: string },
    against: string | DatasetRef,
    options: { format?: TabularFormat; source?: string } = {},
  ): Promise<ValidationReport> {
    const version = await this.resolve(against);
    if ('path' in file) return validateAgainst(file.path, version, options);
    const path = await this.deps.blobs.localPath(file.digest);
    const source = options.source ?? file.digest;
    return namingSource(path, source, () => validateAgainst(path, version, { ...options, source }));
  }

  /** A local file with the version's bytes and the format to read it as (for trainers). */
  async localFile(ref: string | DatasetRef): Promise<{ version: DatasetVersion; path: string }> {
    const version = await this.resolve(ref);
    return { version, path: await this.deps.blobs.localPath(version.digest) };
  }
}
