import { basename } from 'node:path';
import type { DatasetService } from '../data/datasets/index.js';
import { detectFormat } from '../data/tabular/index.js';
import type { AddDatasetOptions, DatasetsApi } from './datasets-api.js';
import { countedFileStream, writeVerified } from './file-bytes.js';

/** Datasets in this process's own store: the file goes to the artifact store, then is profiled there. */
export class LocalDatasets implements DatasetsApi {
  constructor(
    private readonly service: DatasetService,
    private readonly actor: string,
  ) {}

  async add(options: AddDatasetOptions) {
    const { file, onProgress } = options;
    // Detected on the original name before the bytes are stored under their digest.
    const format = options.format ?? (await detectFormat(file));
    const stored = await this.service.upload(
      countedFileStream(file, (bytes) => onProgress?.({ pass: 'store', bytes })),
    );
    return this.service.add({
      name: options.name,
      digest: stored.digest,
      source: basename(file),
      format,
      description: options.description,
      tags: options.tags,
      spec: options.spec,
      userId: this.actor,
      onProgress,
    });
  }

  get(ref: string) {
    return this.service.resolve(ref);
  }

  list(query?: Parameters<DatasetService['list']>[0]) {
    return this.service.list(query);
  }

  versions(name: string, query?: Parameters<DatasetService['versions']>[1]) {
    return this.service.versions(name, query);
  }

  profile(ref: string) {
    return this.service.profile(ref);
  }

  lineage(ref: string) {
    return this.service.lineage(ref);
  }

  setAlias(ref: string, alias: string) {
    return this.service.setAlias(ref, alias);
  }

  deleteAlias(name: string, alias: string) {
    return this.service.deleteAlias(name, alias);
  }

  async download(
    ref: string,
    destination: string,
    onBytes?: (bytes: number, total: number) => void,
  ) {
    const { version, content } = await this.service.open(ref);
    await writeVerified(content, destination, version, onBytes);
    return version;
  }

  validate(file: string, against: string, options: Parameters<DatasetsApi['validate']>[2] = {}) {
    return this.service.validate({ path: file }, against, options);
  }

  diff(a: string, b: string) {
    return this.service.diff(a, b);
  }

  async localFile(ref: string) {
    return { ...(await this.service.localFile(ref)), release: () => Promise.resolve() };
  }
}
