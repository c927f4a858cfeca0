import { ExperimentService } from './experiment-service.js';
import { RunArtifactService } from './run-artifact-service.js';
import { RunService } from './run-service.js';
import type { TrackingDeps } from './tracking-deps.js';

/** Experiment tracking: experiments, runs with params/metrics/tags, and run artifacts. */
export class TrackingService {
  readonly experiments: ExperimentService;
  readonly runs: RunService;
  readonly artifacts: RunArtifactService;

  constructor(deps: TrackingDeps) {
    this.experiments = new ExperimentService(deps);
    this.runs = new RunService(deps);
    this.artifacts = new RunArtifactService(deps);
  }
}
