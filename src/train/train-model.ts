import { invalidParameter } from '../core/errors/index.js';
import type { Table } from '../data/tabular/index.js';
import { crossValidate } from './evaluate/cross-validate.js';
import { score, type Scores } from './evaluate/score.js';
import { holdout } from './folds.js';
import type { EpochLoss } from './models/model.js';
import { modelKinds, resolveParams, type ModelKind, type ModelParams } from './params.js';
import { earlyStoppingSplit } from './pipeline/early-stopping-split.js';
import { fitModel, type TrainingData } from './pipeline/fit-model.js';
import type { FittedModel } from './pipeline/fitted-model.js';
import { prepareTrainingData, type PreparedData } from './pipeline/prepare-data.js';
import { selectTrainingRows } from './pipeline/select-training-rows.js';
import { tasks, type Task } from './pipeline/training-target.js';
import { Preprocessor } from './preprocess/preprocessor.js';
import { Random } from './random.js';

export interface TrainRequest {
  target: string;
  model: ModelKind;
  /** Feature columns; by default every column but the target, minus identifier-like text. */
  features?: string[];
  /** Model params as `key → value` (strings, as from a command line, are converted). */
  params?: Record<string, unknown>;
  /** Overrides the task the target's type implies (an MLP on integer class codes). */
  task?: Task;
  /** Folds of cross-validation on the training rows; 0 skips it. Default 5. */
  cv?: number;
  /** Share of rows held out to test the final model; 0 trains on every row. Default 0.2. */
  testFraction?: number;
  /** Seeds folds, splits and initial weights: the same seed and data give the same model. Default 0. */
  seed?: number;
}

export type TrainPhase = 'cross-validation' | 'training';

export interface TrainHooks {
  onEpoch?: (loss: EpochLoss) => void;
  onProgress?: (phase: TrainPhase, done: number, total: number) => void;
}

export interface TrainOutcome {
  model: FittedModel;
  params: ModelParams[ModelKind];
  /** `cv_<metric>` (means over folds) and `test_<metric>` (the final model on the held-out rows). */
  metrics: Scores;
  data: Omit<PreparedData, 'columns' | 'target'> & { task: Task; classes?: string[] };
  /** Rows the final model was fitted on and tested on. */
  trainRows: number;
  testRows: number;
}

export const DEFAULT_CV = 5;
export const DEFAULT_TEST_FRACTION = 0.2;

/** A checked request with its data prepared: everything that can be refused has been. */
export interface TrainingPlan {
  request: TrainRequest;
  params: ModelParams[ModelKind];
  prepared: PreparedData;
  folds: number;
  seed: number;
  train: TrainingData;
  test?: TrainingData;
}

/**
 * Checks the request and prepares the table (types, target, features, train/test split) without
 * training, so bad input is refused before anything is recorded.
 */
export function planTraining(table: Table, request: TrainRequest): TrainingPlan {
  const folds = checkFolds(request.cv ?? DEFAULT_CV);
  const testFraction = checkTestFraction(request.testFraction ?? DEFAULT_TEST_FRACTION);
  const seed = checkSeed(request.seed ?? 0);
  checkChoice('model', request.model, modelKinds);
  if (request.task !== undefined) checkChoice('task', request.task, tasks);
  const params = resolveParams(request.model, request.params);
  const prepared = prepareTrainingData(table, {
    target: request.target,
    model: request.model,
    ...(request.features ? { features: request.features } : {}),
    ...(request.task ? { task: request.task } : {}),
  });
  const { train, test } = splitRows(prepared, testFraction, seed);
  if (folds > 0 && train.rows < folds * 2)
    throw invalidParameter(
      `${train.rows} training rows are too few for ${folds}-fold cross-validation; lower cv or add rows`,
      { field: 'cv' },
    );
  if (request.model === 'ridge') checkRidgeWidth(train);
  if (request.model === 'mlp' && (params as ModelParams['mlp']).early_stopping)
    earlyStoppingSplit(train, params as ModelParams['mlp'], new Random(seed));
  return { request, params, prepared, folds, seed, train, ...(test ? { test } : {}) };
}

/**
 * Cross-validates on the training rows, fits the final model on them and scores it on the
 * held-out rows. The final model is the one exported, so its test metrics describe exactly what
 * would be served.
 */
export function executeTraining(plan: TrainingPlan, hooks: TrainHooks = {}): TrainOutcome {
  const { train, test, folds, prepared } = plan;
  const metrics: Scores = {};
  const fitOptions = { kind: plan.request.model, params: plan.params, seed: plan.seed };
  if (folds > 0) {
    hooks.onProgress?.('cross-validation', 0, folds);
    const cv = crossValidate(train, fitOptions, folds, (done, total) =>
      hooks.onProgress?.('cross-validation', done, total),
    );
    for (const [key, value] of Object.entries(cv.mean)) metrics[`cv_${key}`] = value;
  }
  hooks.onProgress?.('training', 0, 1);
  const model = fitModel(train, {
    ...fitOptions,
    ...(hooks.onEpoch ? { onEpoch: hooks.onEpoch } : {}),
    ...(test ? { monitor: test } : {}),
  });
  hooks.onProgress?.('training', 1, 1);
  if (test) {
    const scores = score(test.target, model.predict(test.columns, test.rows));
    for (const [key, value] of Object.entries(scores)) metrics[`test_${key}`] = value;
  }
  const { columns: _columns, target, ...summary } = prepared;
  return {
    model,
    params: plan.params,
    metrics,
    data: {
      ...summary,
      task: target.task,
      ...(target.task === 'classification' ? { classes: target.classes } : {}),
    },
    trainRows: train.rows,
    testRows: test?.rows ?? 0,
  };
}

/** planTraining then executeTraining. */
export function trainModel(
  table: Table,
  request: TrainRequest,
  hooks: TrainHooks = {},
): TrainOutcome {
  return executeTraining(planTraining(table, request), hooks);
}

function splitRows(
  data: TrainingData,
  testFraction: number,
  seed: number,
): { train: TrainingData; test?: TrainingData } {
  if (testFraction === 0) return { train: data };
  const labels = data.target.task === 'classification' ? data.target.labels : undefined;
  // A separate stream from cross-validation's, so changing cv does not move the test rows.
  const split = holdout(data.rows, testFraction, new Random(seed ^ 0x5eed), labels);
  if (split.test.length === 0 || split.train.length === 0)
    throw invalidParameter(`${data.rows} rows are too few to hold out a test share`, {
      field: 'test_fraction',
    });
  return {
    train: selectTrainingRows(data, split.train),
    test: selectTrainingRows(data, split.test),
  };
}

function checkFolds(cv: number): number {
  if (!Number.isInteger(cv) || cv < 0 || cv === 1 || cv > 100)
    throw invalidParameter(
      `cv must be 0 (none) or a whole number of folds from 2 to 100, got ${cv}`,
      {
        field: 'cv',
      },
    );
  return cv;
}

function checkTestFraction(fraction: number): number {
  if (!(fraction >= 0 && fraction < 1))
    throw invalidParameter(`test fraction must be at least 0 and below 1, got ${fraction}`, {
      field: 'test_fraction',
    });
  return fraction;
}

function checkSeed(seed: number): number {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    throw invalidParameter(`seed must be a whole number from 0 to 4294967295, got ${seed}`, {
      field: 'seed',
    });
  return seed;
}

function checkChoice(field: string, value: unknown, choices: readonly string[]): void {
  if (typeof value !== 'string' || !choices.includes(value))
    throw invalidParameter(
      `${field} must be one of ${choices.join(', ')}, got ${JSON.stringify(value)}`,
      {
        field,
      },
    );
}

/** Ridge's closed form holds a width × width matrix: 5,000 columns is 200 MB and seconds of work. */
const MAX_RIDGE_WIDTH = 5000;

function checkRidgeWidth(train: TrainingData): void {
  const width = Preprocessor.fit(train.columns, train.features).width;
  if (width > MAX_RIDGE_WIDTH)
    throw invalidParameter(
      `the features expand to ${width} model inputs (one per category), more than ridge's closed form takes (${MAX_RIDGE_WIDTH}); drop high-cardinality columns or train an mlp`,
      { field: 'features' },
    );
}
