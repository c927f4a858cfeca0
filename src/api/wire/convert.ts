import type { ArtifactEntry, Experiment, MetricPoint, Run, RunInfo } from '../../store/index.js';
import type { ArtifactListing } from '../../tracking/index.js';
import type {
  WireArtifactEntry,
  WireArtifactListing,
  WireDouble,
  WireExperiment,
  WireMetricPoint,
  WireRun,
  WireRunInfo,
} from './schemas.js';

/** Domain records ⇄ the snake_case JSON of the REST API. The SDK uses the `from…` half. */

export function toWireDouble(value: number): WireDouble {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  return value;
}

export function fromWireDouble(value: WireDouble): number {
  return typeof value === 'number' ? value : Number(value);
}

export function toWireExperiment(e: Experiment): WireExperiment {
  return {
    experiment_id: e.experimentId,
    name: e.name,
    lifecycle_stage: e.lifecycleStage,
    creation_time: e.creationTime,
    last_update_time: e.lastUpdateTime,
    tags: e.tags,
  };
}

export function fromWireExperiment(w: WireExperiment): Experiment {
  return {
    experimentId: w.experiment_id,
    name: w.name,
    lifecycleStage: w.lifecycle_stage,
    creationTime: w.creation_time,
    lastUpdateTime: w.last_update_time,
    tags: w.tags,
  };
}

export function toWireMetric(m: MetricPoint): WireMetricPoint {
  return { key: m.key, value: toWireDouble(m.value), step: m.step, timestamp: m.timestamp };
}

export function fromWireMetric(w: WireMetricPoint): MetricPoint {
  return { key: w.key, value: fromWireDouble(w.value), step: w.step, timestamp: w.timestamp };
}

export function toWireRunInfo(i: RunInfo): WireRunInfo {
  return {
    run_id: i.runId,
    experiment_id: i.experimentId,
    run_name: i.runName,
    user_id: i.userId,
    status: i.status,
    start_time: i.startTime,
    end_time: i.endTime,
    lifecycle_stage: i.lifecycleStage,
    parent_run_id: i.parentRunId,
  };
}

export function fromWireRunInfo(w: WireRunInfo): RunInfo {
  return {
    runId: w.run_id,
    experimentId: w.experiment_id,
    runName: w.run_name,
    userId: w.user_id,
    status: w.status,
    startTime: w.start_time,
    endTime: w.end_time,
    lifecycleStage: w.lifecycle_stage,
    parentRunId: w.parent_run_id,
  };
}

export function toWireRun(r: Run): WireRun {
  const metrics: Record<string, WireMetricPoint> = {};
  for (const [key, point] of Object.entries(r.data.metrics)) metrics[key] = toWireMetric(point);
  return {
    info: toWireRunInfo(r.info),
    data: { params: r.data.params, tags: r.data.tags, metrics },
  };
}

export function fromWireRun(w: WireRun): Run {
  const metrics: Record<string, MetricPoint> = {};
  for (const [key, point] of Object.entries(w.data.metrics)) metrics[key] = fromWireMetric(point);
  return {
    info: fromWireRunInfo(w.info),
    data: { params: w.data.params, tags: w.data.tags, metrics },
  };
}

export function toWireArtifactEntry(e: ArtifactEntry): WireArtifactEntry {
  return { path: e.path, digest: e.digest, size: e.size, created_time: e.createdTime };
}

export function fromWireArtifactEntry(w: WireArtifactEntry): ArtifactEntry {
  return { path: w.path, digest: w.digest, size: w.size, createdTime: w.created_time };
}

export function toWireListing(l: ArtifactListing): WireArtifactListing {
  return l.isDir
    ? { path: l.path, is_dir: true }
    : {
        path: l.path,
        is_dir: false,
        file_size: l.size,
        digest: l.digest,
        created_time: l.createdTime,
      };
}

export function fromWireListing(w: WireArtifactListing): ArtifactListing {
  return w.is_dir
    ? { path: w.path, isDir: true }
    : {
        path: w.path,
        isDir: false,
        size: w.file_size,
        digest: w.digest,
        createdTime: w.created_time,
      };
}
