import type { ModelService, RegistryService, VersionService } from '../registry/index.js';
import type { ExperimentService, RunArtifactService, RunService } from '../tracking/index.js';

/** The public methods of a class: what local and HTTP clients both offer. */
type PublicOf<T> = { [K in keyof T]: T[K] };

/** Experiments, as the SDK offers them whether it talks to a server or to a local store. */
export type ExperimentsApi = PublicOf<ExperimentService>;
export type RunsApi = PublicOf<RunService>;
export type ArtifactsApi = PublicOf<RunArtifactService>;
export type ModelsApi = PublicOf<ModelService>;
export type VersionsApi = PublicOf<VersionService>;

/** The registry as the SDK offers it, locally or over HTTP. */
export interface RegistryApi extends Omit<PublicOf<RegistryService>, 'models' | 'versions' | 'as'> {
  readonly models: ModelsApi;
  readonly versions: VersionsApi;
  as(actor: string): RegistryApi;
}
