import type { ModelVersion } from '../../registry/index.js';
import type {
  ArtifactEntry,
  Experiment,
  MetricPoint,
  RegisteredModel,
  Run,
  RunInfo,
  RunInput,
} from '../../store/index.js';
import { toWireDouble } from '../wire/convert.js';

/**
 * Gyre records as MLflow's REST API writes them (proto → JSON): snake_case, int64 as numbers,
 * ids and versions as strings, doubles' special values as "NaN"/"Infinity", empty lists omitted.
 */

export const experimentArtifactLocation = (experimentId: string) =>
  `mlflow-artifacts:/${experimentId}`;
export const runArtifactUri = (info: Pick<RunInfo, 'experimentId' | 'runId'>) =>
  `mlflow-artifacts:/${info.experimentId}/${info.runId}/artifacts`;

type Json = Record<string, unknown>;

/** Drops undefined fields and empty lists, as MLflow's proto serialisation does. */
function compact(object: Json): Json {
  return Object.fromEntries(
    Object.entries(object).filter(
      ([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0),
    ),
  );
}

const keyValues = (record: Record<string, string>) =>
  Object.entries(record).map(([key, value]) => ({ key, value }));

export function experimentJson(e: Experiment): Json {
  return compact({
    experiment_id: e.experimentId,
    name: e.name,
    artifact_location: experimentArtifactLocation(e.experimentId),
    lifecycle_stage: e.lifecycleStage,
    last_update_time: e.lastUpdateTime,
    creation_time: e.creationTime,
    tags: keyValues(e.tags),
  });
}

export function runInfoJson(info: RunInfo): Json {
  return compact({
    run_uuid: info.runId,
    run_id: info.runId,
    experiment_id: info.experimentId,
    run_name: info.runName,
    user_id: info.userId,
    status: info.status,
    start_time: info.startTime,
    end_time: info.endTime ?? undefined,
    artifact_uri: runArtifactUri(info),
    lifecycle_stage: info.lifecycleStage,
  });
}

export function metricJson(m: MetricPoint): Json {
  return { key: m.key, value: toWireDouble(m.value), timestamp: m.timestamp, step: m.step };
}

/** MLflow names a run and marks nesting with tags; Gyre keeps both as attributes, so they are shown as tags too. */
export function runTags(run: Run): Record<string, string> {
  const tags: Record<string, string> = { ...run.data.tags };
  tags['mlflow.runName'] ??= run.info.runName;
  if (run.info.parentRunId) tags['mlflow.parentRunId'] ??= run.info.parentRunId;
  return tags;
}

export function runJson(run: Run, inputs?: RunInput[]): Json {
  const json: Json = {
    info: runInfoJson(run.info),
    data: compact({
      metrics: Object.values(run.data.metrics).map(metricJson),
      params: keyValues(run.data.params),
      tags: keyValues(runTags(run)),
    }),
  };
  if (inputs)
    json.inputs = compact({
      dataset_inputs: inputs.filter((i) => i.kind === 'dataset').map(datasetInputJson),
    });
  return json;
}

/** An MLflow DatasetInput from a Gyre run input of kind `dataset` (details keep MLflow's fields). */
function datasetInputJson(input: RunInput): Json {
  const details = input.details ?? {};
  const tags = Array.isArray(details.tags)
    ? (details.tags as { key: string; value: string }[])
    : [];
  return compact({
    tags,
    dataset: compact({
      name: input.ref,
      digest: input.digest ?? '',
      source_type: typeof details.source_type === 'string' ? details.source_type : 'gyre',
      source: typeof details.source === 'string' ? details.source : input.ref,
      schema:
        typeof details.schema === 'string' && details.schema !== '' ? details.schema : undefined,
      profile:
        typeof details.profile === 'string' && details.profile !== '' ? details.profile : undefined,
    }),
  });
}

export function modelJson(m: RegisteredModel, latestVersions: ModelVersion[]): Json {
  return compact({
    name: m.name,
    creation_timestamp: m.creationTime,
    last_updated_timestamp: m.lastUpdateTime,
    description: m.description === '' ? undefined : m.description,
    latest_versions: latestVersions.map(versionJson),
    tags: keyValues(m.tags),
    aliases: Object.entries(m.aliases).map(([alias, version]) => ({
      alias,
      version: String(version),
    })),
  });
}

export function versionJson(v: ModelVersion): Json {
  return compact({
    name: v.name,
    version: String(v.version),
    creation_timestamp: v.creationTime,
    last_updated_timestamp: v.lastUpdateTime,
    user_id: v.userId,
    current_stage: v.stage,
    description: v.description,
    source: v.source,
    run_id: v.runId ?? '',
    status: v.status,
    status_message: v.statusMessage === '' ? undefined : v.statusMessage,
    tags: keyValues(v.tags),
    aliases: v.aliases,
  });
}

/** FileInfo: `file_size` is omitted for directories and empty files, as MLflow does. */
export function fileInfoJson(path: string, isDir: boolean, size?: number): Json {
  return compact({ path, is_dir: isDir, file_size: !isDir && size ? size : undefined });
}

export function artifactFileJson(entry: ArtifactEntry, relativeTo: string): Json {
  return fileInfoJson(entry.path.slice(relativeTo.length), false, entry.size);
}
