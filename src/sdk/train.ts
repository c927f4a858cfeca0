import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type ConfigInputs } from '../core/config/index.js';
import { DATASET_INPUT_KIND, isDatasetUri, type DatasetVersion } from '../data/datasets/index.js';
import type { TabularFormat } from '../data/tabular/index.js';
import { validateAlias, validateModelName, type ModelVersion } from '../registry/index.js';
import {
  DEFAULT_TEST_FRACTION,
  executeTraining,
  planTraining,
  readTrainingFile,
  trainerVersion,
  type TrainHooks,
  type TrainRequest,
  type TrainingFile,
  type TrainingPlan,
} from '../train/index.js';
import type { ActiveRun } from './active-run.js';
import type { GyreClient } from './gyre-client.js';

export interface TrainOptions extends TrainRequest, TrainHooks {
  /**
   * A CSV, TSV, JSON, JSON Lines, Parquet or Arrow IPC file, or a dataset version
   * (`datasets:/NAME/3`, `datasets:/NAME@alias`), which the run then records as its input.
   */
  data: string;
  /** Read the file as this format instead of detecting it. */
  format?: TabularFormat;
  /** Experiment name or id (created when missing); default: the Default experiment. */
  experiment?: string;
  runName?: string;
  tags?: Record<string, string>;
  /** Register the trained model as a new version of this registered model. */
  register?: string;
  /** Aliases for the registered version. */
  aliases?: string[];
}

export interface TrainResult {
  runId: string;
  experimentId: string;
  /** `cv_<metric>` and `test_<metric>`, as logged on the run. */
  metrics: Record<string, number>;
  /** The model artifact, e.g. `runs:/<run>/model/model.onnx`. */
  modelUri: string;
  modelVersion?: ModelVersion;
  rows: { used: number; train: number; test: number; droppedMissingTarget: number };
  features: string[];
  excludedColumns: { name: string; reason: string }[];
  task: 'classification' | 'regression';
  classes?: string[];
}

/** Where the trained model is logged in its run. */
export const MODEL_ARTIFACT = 'model/model.onnx';

/**
 * Trains a model on a tabular file and records it as a run: params, per-epoch losses,
 * cross-validation and holdout metrics, the file's digest as an input, and the ONNX model as an
 * artifact; optionally registers it. Bad input is refused before the run is created.
 */
export async function trainWithClient(
  client: GyreClient,
  options: TrainOptions,
): Promise<TrainResult> {
  if (options.register !== undefined) validateModelName(options.register);
  for (const alias of options.aliases ?? []) validateAlias(alias);
  const dataset = isDatasetUri(options.data)
    ? await client.datasets.localFile(options.data)
    : undefined;
  try {
    const file = await readTrainingFile(
      dataset?.path ?? options.data,
      options.format ?? (dataset?.version.format as TabularFormat | undefined),
    );
    return await trainOnFile(client, options, file, dataset?.version);
  } finally {
    await dataset?.release();
  }
}

async function trainOnFile(
  client: GyreClient,
  options: TrainOptions,
  file: TrainingFile,
  dataset: DatasetVersion | undefined,
): Promise<TrainResult> {
  const plan = planTraining(file.table, options);
  return client.withRun(
    {
      ...(options.experiment === undefined ? {} : { experiment: options.experiment }),
      ...(options.runName === undefined ? {} : { runName: options.runName }),
      tags: { 'gyre.trainer': trainerVersion, 'gyre.model_kind': options.model, ...options.tags },
    },
    async (run) => {
      await run.logParams(paramsOf(plan, dataset?.uri ?? file.path));
      const details = {
        format: file.format,
        bytes: file.bytes,
        rows: file.table.rowCount,
        columns: file.table.columns,
      };
      await client.runs.logInputs(run.runId, [
        dataset
          ? { kind: DATASET_INPUT_KIND, ref: dataset.uri, digest: dataset.digest, details }
          : { kind: 'file', ref: file.path, digest: file.digest, details },
      ]);
      const outcome = executeTraining(plan, {
        onEpoch: (loss) => {
          logEpoch(run, loss.epoch, loss.trainLoss, loss.validationLoss);
          options.onEpoch?.(loss);
        },
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      });
      run.logMetrics(outcome.metrics);
      await logModel(run, outcome.model.exportOnnx({ runId: run.runId, trainer: trainerVersion }));
      await run.flush();
      const modelUri = `runs:/${run.runId}/${MODEL_ARTIFACT}`;
      const modelVersion =
        options.register === undefined
          ? undefined
          : await client.registry.versions.register({
              name: options.register,
              source: { uri: modelUri },
              runId: run.runId,
              ...(options.aliases ? { aliases: options.aliases } : {}),
            });
      return {
        runId: run.runId,
        experimentId: run.run.info.experimentId,
        metrics: outcome.metrics,
        modelUri,
        ...(modelVersion ? { modelVersion } : {}),
        rows: {
          used: outcome.data.rows,
          train: outcome.trainRows,
          test: outcome.testRows,
          droppedMissingTarget: outcome.data.droppedRows,
        },
        features: outcome.data.features,
        excludedColumns: outcome.data.excludedColumns,
        task: outcome.data.task,
        ...(outcome.data.classes ? { classes: outcome.data.classes } : {}),
      };
    },
  );
}

function paramsOf(plan: TrainingPlan, path: string): Record<string, string | number | boolean> {
  const { request } = plan;
  const modelParams = Object.fromEntries(
    Object.entries(plan.params).map(([key, value]) => [
      key,
      Array.isArray(value) ? value.join(',') : (value as string | number | boolean),
    ]),
  );
  return {
    model: request.model,
    target: request.target,
    task: plan.prepared.target.task,
    features: featureList(plan.prepared.features),
    n_features: plan.prepared.features.length,
    data: path,
    cv: plan.folds,
    test_fraction: request.testFraction ?? DEFAULT_TEST_FRACTION,
    seed: plan.seed,
    ...modelParams,
  };
}

/** Param values are limited in length; the full list is in the model's `gyre.features` metadata. */
const FEATURE_PARAM_CHARS = 1000;

function featureList(features: string[]): string {
  const all = features.join(',');
  if (all.length <= FEATURE_PARAM_CHARS) return all;
  let shown = 0;
  let length = 0;
  while (length + features[shown]!.length + 1 < FEATURE_PARAM_CHARS - 40) {
    length += features[shown]!.length + 1;
    shown += 1;
  }
  return `${features.slice(0, shown).join(',')},… (${features.length - shown} more)`;
}

function logEpoch(run: ActiveRun, epoch: number, trainLoss: number, validationLoss?: number): void {
  run.logMetric('train_loss', trainLoss, { step: epoch });
  if (validationLoss !== undefined)
    run.logMetric('validation_loss', validationLoss, { step: epoch });
}

async function logModel(run: ActiveRun, bytes: Uint8Array): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'gyre-train-'));
  try {
    const file = join(dir, 'model.onnx');
    await writeFile(file, bytes);
    await run.logArtifact(file, MODEL_ARTIFACT);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * `train({...})` without a client at hand: uses `client` when given, else opens the one the
 * configuration names (GYRE_TRACKING_URI / gyre.yaml `tracking_uri`, or the local store) and
 * closes it afterwards.
 */
export async function train(
  options: TrainOptions & { client?: GyreClient; config?: ConfigInputs },
): Promise<TrainResult> {
  const { client, config, ...rest } = options;
  if (client) return trainWithClient(client, rest);
  const { GyreClient: Client } = await import('./gyre-client.js');
  const opened = await Client.fromConfig(loadConfig(config ?? {}).config);
  try {
    return await trainWithClient(opened, rest);
  } finally {
    await opened.close();
  }
}
