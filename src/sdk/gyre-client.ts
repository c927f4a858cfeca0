import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { openGyre, type Gyre } from '../app/index.js';
import { normalizeArtifactPath } from '../artifacts/index.js';
import { loadConfig, type ConfigInputs, type GyreConfig } from '../core/config/index.js';
import { isGyreError } from '../core/errors/index.js';
import { silentLogger } from '../core/logging/index.js';
import type { ArtifactEntry, RunStatus } from '../store/index.js';
import { trainWithClient, type TrainOptions, type TrainResult } from './train.js';
import { ActiveRun, type ActiveRunOptions } from './active-run.js';
import type { DatasetsApi } from './datasets-api.js';
import { HttpArtifacts } from './http-artifacts.js';
import { HttpDatasets } from './http-datasets.js';
import { LocalDatasets } from './local-datasets.js';
import { HttpExperiments } from './http-experiments.js';
import { HttpRegistry } from './http-registry.js';
import { HttpRuns } from './http-runs.js';
import { HttpTransport } from './http-transport.js';
import type { ArtifactsApi, ExperimentsApi, RegistryApi, RunsApi } from './tracking-api.js';

export interface DownloadProgress {
  files: number;
  bytes: number;
  totalFiles: number;
  totalBytes: number;
}

export interface StartRunOptions extends ActiveRunOptions {
  /** Experiment name or id; a name that does not exist yet is created. Default: the Default experiment. */
  experiment?: string;
  runName?: string;
  tags?: Record<string, string>;
  parentRunId?: string;
}

/**
 * The typed client. The same methods work against a Gyre server (`GyreClient.connect(url)`) or
 * directly against a local store without any server (`GyreClient.local()`).
 */
export class GyreClient {
  private constructor(
    readonly experiments: ExperimentsApi,
    readonly runs: RunsApi,
    readonly artifacts: ArtifactsApi,
    /** The model registry; changes are attributed to the client's actor. */
    readonly registry: RegistryApi,
    /** Versioned datasets: add, profile, validate, diff, lineage. */
    readonly datasets: DatasetsApi,
    private readonly onClose: () => Promise<void>,
    /** Where the client talks to: the server URL, or `local:` and the database URL. */
    readonly target: string,
  ) {}

  /**
   * A client of the Gyre server at `url`. Registry changes are recorded as made by `actor`
   * (default: the operating-system user name).
   */
  static connect(url: string, options: { actor?: string } = {}): GyreClient {
    const http = new HttpTransport(url.replace(/\/+$/, ''));
    const actor = options.actor ?? defaultActor();
    return new GyreClient(
      new HttpExperiments(http),
      new HttpRuns(http),
      new HttpArtifacts(http),
      new HttpRegistry(http, actor),
      new HttpDatasets(http, actor),
      () => Promise.resolve(),
      url,
    );
  }

  /** Opens the store named by flags/env/gyre.yaml (e.g. `{ flags: { home: './.gyre' } }`) in this process. */
  static async local(inputs: ConfigInputs = {}): Promise<GyreClient> {
    return GyreClient.fromGyre(
      await openGyre(loadConfig(inputs).config, { logger: silentLogger() }),
      true,
    );
  }

  /** A server when the configuration names one (`tracking_uri`), the local store otherwise. */
  static async fromConfig(config: GyreConfig): Promise<GyreClient> {
    if (config.trackingUri) return GyreClient.connect(config.trackingUri);
    return GyreClient.fromGyre(await openGyre(config, { logger: silentLogger() }), true);
  }

  /** Wraps an already open Gyre (e.g. inside the server process); `owns` decides who closes it. */
  static fromGyre(gyre: Gyre, owns = false): GyreClient {
    const { experiments, runs, artifacts } = gyre.tracking;
    return new GyreClient(
      experiments,
      runs,
      artifacts,
      gyre.registry,
      new LocalDatasets(gyre.datasets, defaultActor()),
      () => (owns ? gyre.close() : Promise.resolve()),
      `local:${gyre.config.databaseUrl}`,
    );
  }

  async startRun(options: StartRunOptions = {}): Promise<ActiveRun> {
    const experimentId =
      options.experiment === undefined
        ? '0'
        : (await this.experimentFor(options.experiment)).experimentId;
    const run = await this.runs.create({
      experimentId,
      runName: options.runName,
      tags: options.tags,
      parentRunId: options.parentRunId,
    });
    return new ActiveRun(run, this.runs, this.artifacts, options);
  }

  /**
   * Trains a ridge, logistic or MLP model on a tabular file and logs it as a run (see
   * docs/training.md); registers it when `register` names a model.
   */
  train(options: TrainOptions): Promise<TrainResult> {
    return trainWithClient(this, options);
  }

  /** Runs `body` in a new run: FINISHED when it resolves, FAILED (and rethrown) when it throws. */
  async withRun<T>(options: StartRunOptions, body: (run: ActiveRun) => Promise<T>): Promise<T> {
    const run = await this.startRun(options);
    let status: Extract<RunStatus, 'FINISHED' | 'FAILED'> = 'FAILED';
    try {
      const result = await body(run);
      status = 'FINISHED';
      return result;
    } finally {
      await run.end(status);
    }
  }

  /**
   * Downloads a file or a whole directory of a run's artifacts into `destination`, one verified
   * file at a time; `onProgress` hears after each file.
   */
  async downloadArtifacts(
    runId: string,
    path: string,
    destination: string,
    onProgress?: (progress: DownloadProgress) => void,
  ): Promise<ArtifactEntry[]> {
    const directory = normalizeArtifactPath(path, { allowRoot: true });
    const files = await this.artifacts.listFiles(runId, directory);
    const prefix =
      files.length === 1 && files[0]!.path === directory
        ? directory.slice(0, directory.lastIndexOf('/') + 1)
        : directory === ''
          ? ''
          : `${directory}/`;
    const progress = {
      files: 0,
      bytes: 0,
      totalFiles: files.length,
      totalBytes: files.reduce((sum, f) => sum + f.size, 0),
    };
    for (const file of files) {
      const target = join(destination, ...file.path.slice(prefix.length).split('/'));
      await mkdir(dirname(target), { recursive: true });
      const { content } = await this.artifacts.open(runId, file.path);
      await pipeline(content, createWriteStream(target));
      progress.files += 1;
      progress.bytes += file.size;
      onProgress?.({ ...progress });
    }
    return files;
  }

  async close(): Promise<void> {
    await this.onClose();
  }

  private async experimentFor(nameOrId: string) {
    try {
      return await this.experiments.resolve(nameOrId);
    } catch (error) {
      if (!isGyreError(error) || error.code !== 'RESOURCE_DOES_NOT_EXIST') throw error;
      try {
        return await this.experiments.create({ name: nameOrId });
      } catch (createError) {
        // Another client created it between our lookup and our create.
        if (isGyreError(createError) && createError.code === 'RESOURCE_ALREADY_EXISTS')
          return this.experiments.getByName(nameOrId);
        throw createError;
      }
    }
  }
}

function defaultActor(): string {
  try {
    return (
      userInfo()
        .username.replace(/[^\w.@+ -]/g, '_')
        .slice(0, 100) || 'anonymous'
    );
  } catch {
    return 'anonymous';
  }
}
