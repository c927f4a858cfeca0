import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fromWireDatasetSummary, fromWireDatasetVersion } from '../api/wire/dataset-convert.js';
import type { WireDatasetSummary, WireDatasetVersion } from '../api/wire/dataset-schemas.js';
import {
  contractOfVersion,
  type AddedDatasetVersion,
  type DatasetLineage,
  type DatasetPageQuery,
  type DatasetVersion,
} from '../data/datasets/index.js';
import type { DatasetDiff } from '../data/diff/index.js';
import { detectFormat, readTableChunks } from '../data/tabular/index.js';
import { validateDataset } from '../data/validate/index.js';
import type { HttpTransport } from './http-transport.js';
import type { AddDatasetOptions, DatasetsApi } from './datasets-api.js';
import { countedFileStream, sha256File, writeVerified } from './file-bytes.js';

const base = '/api/v1/datasets';
const enc = encodeURIComponent;

/** Datasets on a Gyre server: files are hashed locally and uploaded only when the server lacks them. */
export class HttpDatasets implements DatasetsApi {
  constructor(
    private readonly http: HttpTransport,
    private readonly actor: string,
  ) {}

  async add(options: AddDatasetOptions): Promise<AddedDatasetVersion> {
    const { file, onProgress } = options;
    const format = options.format ?? (await detectFormat(file));
    const digest = await sha256File(file, (bytes) => onProgress?.({ pass: 'hash', bytes }));
    const { present } = await this.http.json<{ present: boolean }>(
      'GET',
      `/api/v1/dataset-uploads/${digest}`,
    );
    if (!present) {
      const stream = countedFileStream(file, (bytes) => onProgress?.({ pass: 'upload', bytes }));
      await this.http.json('PUT', `/api/v1/dataset-uploads`, { stream });
    }
    const reply = await this.http.json<{
      dataset_version: WireDatasetVersion;
      created: boolean;
      same_content: { name: string; version: number }[];
    }>('POST', `${base}/${enc(options.name)}/versions`, {
      body: {
        digest,
        source: basename(file),
        format,
        description: options.description,
        tags: options.tags,
        spec: options.spec,
      },
      headers: { 'x-gyre-actor': this.actor },
    });
    return {
      version: fromWireDatasetVersion(reply.dataset_version),
      created: reply.created,
      sameContent: reply.same_content,
    };
  }

  async get(ref: string): Promise<DatasetVersion> {
    const reply = await this.http.json<{ dataset_version: WireDatasetVersion }>(
      'GET',
      `${base}/resolve`,
      { query: { uri: ref } },
    );
    return fromWireDatasetVersion(reply.dataset_version);
  }

  async list(query: DatasetPageQuery = {}) {
    const reply = await this.http.json<{
      datasets: WireDatasetSummary[];
      next_page_token?: string;
    }>('GET', base, { query: { max_results: query.maxResults, page_token: query.pageToken } });
    return {
      items: reply.datasets.map(fromWireDatasetSummary),
      nextPageToken: reply.next_page_token,
    };
  }

  async versions(name: string, query: DatasetPageQuery = {}) {
    const reply = await this.http.json<{
      dataset_versions: WireDatasetVersion[];
      next_page_token?: string;
    }>('GET', `${base}/${enc(name)}/versions`, {
      query: { max_results: query.maxResults, page_token: query.pageToken },
    });
    return {
      items: reply.dataset_versions.map(fromWireDatasetVersion),
      nextPageToken: reply.next_page_token,
    };
  }

  async profile(ref: string) {
    const version = await this.get(ref);
    const reply = await this.http.json<{ profile: unknown }>(
      'GET',
      `${this.path(version)}/profile`,
    );
    return { version, profile: reply.profile };
  }

  async lineage(ref: string): Promise<{ version: DatasetVersion } & DatasetLineage> {
    const version = await this.get(ref);
    const reply = await this.http.json<{
      runs: {
        run_id: string;
        experiment_id: string;
        run_name: string;
        status: string;
        start_time: number;
      }[];
      model_versions: { name: string; version: number; run_id: string | null }[];
    }>('GET', `${this.path(version)}/lineage`);
    return {
      version,
      runs: reply.runs.map((r) => ({
        runId: r.run_id,
        experimentId: r.experiment_id,
        runName: r.run_name,
        status: r.status,
        startTime: r.start_time,
      })),
      modelVersions: reply.model_versions.map((v) => ({
        name: v.name,
        version: v.version,
        runId: v.run_id,
      })),
    };
  }

  async setAlias(ref: string, alias: string): Promise<DatasetVersion> {
    const version = await this.get(ref);
    const reply = await this.http.json<{ dataset_version: WireDatasetVersion }>(
      'PUT',
      `${base}/${enc(version.name)}/aliases/${enc(alias)}`,
      { body: { version: version.version } },
    );
    return fromWireDatasetVersion(reply.dataset_version);
  }

  async deleteAlias(name: string, alias: string): Promise<void> {
    await this.http.json('DELETE', `${base}/${enc(name)}/aliases/${enc(alias)}`);
  }

  async download(
    ref: string,
    destination: string,
    onBytes?: (bytes: number, total: number) => void,
  ): Promise<DatasetVersion> {
    const version = await this.get(ref);
    const { body } = await this.http.stream('GET', `${this.path(version)}/content`);
    await writeVerified(body, destination, version, onBytes);
    return version;
  }

  /** Runs here, on the local file, against the version's contract: nothing is uploaded. */
  async validate(
    file: string,
    against: string,
    options: Parameters<DatasetsApi['validate']>[2] = {},
  ) {
    const version = await this.get(against);
    const format = options.format ?? (await detectFormat(file));
    return validateDataset(readTableChunks(file, { format }), contractOfVersion(version));
  }

  async diff(a: string, b: string): Promise<DatasetDiff> {
    return this.http.json<DatasetDiff>('GET', `${base}/diff`, { query: { a, b } });
  }

  async localFile(ref: string) {
    const version = await this.get(ref);
    const dir = await mkdtemp(join(tmpdir(), 'gyre-dataset-'));
    try {
      // Named as it was added, so the extension still tells readers its format.
      const path = join(dir, basename(version.source) || 'data');
      await this.download(version.uri, path);
      const release = () => rm(dir, { recursive: true, force: true });
      return { version, path, release };
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
  }

  private path(version: DatasetVersion): string {
    return `${base}/${enc(version.name)}/versions/${version.version}`;
  }
}
