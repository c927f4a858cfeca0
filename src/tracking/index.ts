export type { BatchInput, MetricInput } from './batch.js';
export { ExperimentService, type ExperimentSearch } from './experiment-service.js';
export { limits } from './limits.js';
export { RunArtifactService, type ArtifactListing } from './run-artifact-service.js';
export { RunService, type CreateRunInput, type RunSearch } from './run-service.js';
export type { TrackingDeps } from './tracking-deps.js';
export { TrackingService } from './tracking-service.js';
