import { invalidParameter } from '../core/errors/index.js';
import type { ChangeEvent, RunInput, RunInfo } from '../store/index.js';
import type { TrackingDeps } from '../tracking/index.js';
import { ModelService } from './model-service.js';
import type { ModelVersion } from './model-version.js';
import { VersionService } from './version-service.js';

/** Where a version came from: the version, the run that produced it, and what that run consumed. */
export interface Lineage {
  modelVersion: Pick<
    ModelVersion,
    'name' | 'version' | 'uri' | 'source' | 'digest' | 'runId' | 'status' | 'creationTime'
  >;
  run: (RunInfo & { params: Record<string, string> }) | null;
  /** Datasets, models, files… the run logged as inputs (`{kind, ref, digest}`). */
  inputs: RunInput[];
}

/**
 * The model registry. Every change is attributed: `as(actor)` gives the same registry acting
 * for someone else (the REST API uses the request's actor; the CLI and local SDK act as `local`).
 */
export class RegistryService {
  readonly models: ModelService;
  readonly versions: VersionService;

  constructor(
    private readonly deps: TrackingDeps,
    readonly actor = 'local',
  ) {
    this.models = new ModelService(deps, actor);
    this.versions = new VersionService(deps, actor);
  }

  as(actor: string): RegistryService {
    return actor === this.actor ? this : new RegistryService(this.deps, actor);
  }

  async lineage(name: string, version: number | string): Promise<Lineage> {
    const modelVersion = await this.versions.get(name, version);
    const run = modelVersion.runId ? await this.deps.store.runs.get(modelVersion.runId) : undefined;
    return {
      modelVersion: {
        name: modelVersion.name,
        version: modelVersion.version,
        uri: modelVersion.uri,
        source: modelVersion.source,
        digest: modelVersion.digest,
        runId: modelVersion.runId,
        status: modelVersion.status,
        creationTime: modelVersion.creationTime,
      },
      run: run ? { ...run.info, params: run.data.params } : null,
      inputs: run ? await this.deps.store.runs.inputs(run.info.runId) : [],
    };
  }

  /**
   * Registry changes committed after `cursor`, oldest first: how other processes (serving
   * replicas) follow aliases without sharing memory. Poll with the last id seen.
   */
  async events(cursor = 0, limit = 1000): Promise<ChangeEvent[]> {
    if (!Number.isSafeInteger(cursor) || cursor < 0)
      throw invalidParameter(`cursor must be a non-negative integer, got ${cursor}`);
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > 10_000)
      throw invalidParameter(`limit must be between 1 and 10000, got ${limit}`);
    return this.deps.store.outbox.after(cursor, limit);
  }
}
