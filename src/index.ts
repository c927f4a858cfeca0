/** The public API of the `gyre` package. */
export { buildServer, gyreVersion } from './api/index.js';
export { openGyre, type Gyre, type OpenGyreOptions } from './app/index.js';
export { loadConfig, type ConfigInputs, type GyreConfig } from './core/config/index.js';
export { errorCatalog, GyreError, isGyreError, type ErrorCode } from './core/errors/index.js';
export {
  ActiveRun,
  GyreClient,
  type ActiveRunOptions,
  type AddDatasetOptions,
  type DatasetsApi,
  type ArtifactsApi,
  type ExperimentsApi,
  type RunsApi,
  type StartRunOptions,
  train,
  type TrainOptions,
  type TrainResult,
} from './sdk/index.js';
export type {
  ArtifactEntry,
  Experiment,
  LifecycleStage,
  MetricPoint,
  Page,
  Run,
  RunData,
  RunInfo,
  RunStatus,
  ViewType,
} from './store/index.js';
export type {
  ArtifactListing,
  BatchInput,
  CreateRunInput,
  ExperimentSearch,
  MetricInput,
  RunSearch,
} from './tracking/index.js';
export {
  loadModel,
  LoadedModel,
  type BatcherListener,
  type Datatype,
  type DynamicBatchingOptions,
  type InferOptions,
  type LoadModelOptions,
  type ModelReader,
  type Tensor,
  type TensorSpec,
  type WarmUpReport,
} from './serve/index.js';
