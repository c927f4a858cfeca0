export { ActiveRun, type ActiveRunOptions } from './active-run.js';
export type { AddDatasetOptions, DatasetsApi } from './datasets-api.js';
export { GyreClient, type DownloadProgress, type StartRunOptions } from './gyre-client.js';
export type {
  ArtifactsApi,
  ExperimentsApi,
  ModelsApi,
  RegistryApi,
  RunsApi,
  VersionsApi,
} from './tracking-api.js';
export { MODEL_ARTIFACT, train, type TrainOptions, type TrainResult } from './train.js';
