import { invalidParameter } from '../../core/errors/index.js';
import type { FeatureSchema, FeatureSpec } from '../../onnx/index.js';
import { holdout } from '../folds.js';
import type { Matrix } from '../linalg.js';
import { selectSparseRows, type SparseRows } from '../sparse-rows.js';
import { fitLogistic } from '../models/logistic.js';
import { evaluateLoss, fitMlp, type Targets } from '../models/mlp.js';
import { forward, type EpochLoss, type TrainedNetwork } from '../models/model.js';
import { fitRidge } from '../models/ridge.js';
import { exportModel } from '../onnx-export/export-model.js';
import type { ModelKind, ModelParams } from '../params.js';
import type { Columns } from '../preprocess/column-data.js';
import { Preprocessor } from '../preprocess/preprocessor.js';
import { Random } from '../random.js';
import { selectTargetRows, type Task, type TrainingTarget } from './training-target.js';

/** Training rows: the feature columns, their tabular types and the target. */
export interface TrainingData {
  columns: Columns;
  features: string[];
  featureTypes: Record<string, FeatureSpec['type']>;
  target: TrainingTarget;
  rows: number;
}

export interface FitOptions<K extends ModelKind = ModelKind> {
  kind: K;
  params: ModelParams[K];
  seed: number;
  /** Per epoch (MLP) or L-BFGS iteration (logistic); ridge reports its one closed-form step. */
  onEpoch?: (loss: EpochLoss) => void;
  /** Rows whose loss is reported each epoch as the validation loss; they never steer training. */
  monitor?: TrainingData;
}

/** A model fitted with its preprocessing: predicts from raw columns and exports one ONNX graph. */
export class FittedModel {
  constructor(
    readonly kind: ModelKind,
    readonly preprocessor: Preprocessor,
    readonly network: TrainedNetwork,
    readonly data: Pick<TrainingData, 'featureTypes' | 'features'> & {
      target: { name: string; task: Task; classes?: string[] };
    },
  ) {}

  get classes(): string[] | undefined {
    return this.data.target.classes;
  }

  /** Class probabilities (rows × classes) or predicted values (rows × 1). */
  predict(columns: Columns, rows: number): Matrix {
    return forward(this.network, this.preprocessor.transform(columns, rows));
  }

  featureSchema(): FeatureSchema {
    const schema: FeatureSchema = [];
    for (const name of this.data.features) {
      const steps = this.preprocessor.steps.filter((step) => step.column === name);
      const type = this.data.featureTypes[name] ?? 'numeric';
      const parts = steps.flatMap((step) =>
        step.kind === 'numeric' && step.part ? [step.part] : [],
      );
      schema.push(
        parts.length > 0 ? { name, type, input: name, parts } : { name, type, input: name },
      );
    }
    return schema;
  }

  exportOnnx(options: { runId?: string; trainer: string }): Uint8Array {
    return exportModel({
      steps: this.preprocessor.steps,
      network: this.network,
      ...(this.classes ? { classes: this.classes } : {}),
      features: this.featureSchema(),
      target: this.data.target.name,
      trainer: options.trainer,
      ...(options.runId ? { runId: options.runId } : {}),
    });
  }
}

/** Learns the preprocessing on `data`, then the model on the preprocessed rows. */
export function fitModel<K extends ModelKind>(
  data: TrainingData,
  options: FitOptions<K>,
): FittedModel {
  const preprocessor = Preprocessor.fit(data.columns, data.features);
  const x = preprocessor.transform(data.columns, data.rows);
  const network = fitNetwork(x, data, preprocessor, options);
  const { name, task } = data.target;
  const target =
    data.target.task === 'classification'
      ? { name, task, classes: data.target.classes }
      : { name, task };
  return new FittedModel(options.kind, preprocessor, network, {
    features: data.features,
    featureTypes: data.featureTypes,
    target,
  });
}

function fitNetwork(
  x: SparseRows,
  data: TrainingData,
  preprocessor: Preprocessor,
  options: FitOptions,
): TrainedNetwork {
  const { target } = data;
  const monitor = options.monitor && {
    x: preprocessor.transform(options.monitor.columns, options.monitor.rows),
    target: toTargets(options.monitor.target),
  };
  const validationLoss = (network: TrainedNetwork) =>
    monitor ? { validationLoss: evaluateLoss(network, monitor.x, monitor.target) } : {};
  if (options.kind === 'ridge') {
    if (target.task !== 'regression')
      throw invalidParameter(
        `ridge regression needs a numeric target; '${target.name}' holds classes`,
      );
    const network = fitRidge(x, target.values, (options.params as ModelParams['ridge']).alpha);
    options.onEpoch?.({
      epoch: 1,
      trainLoss: evaluateLoss(network, x, toTargets(target)),
      ...validationLoss(network),
    });
    return network;
  }
  if (options.kind === 'logistic') {
    if (target.task !== 'classification')
      throw invalidParameter(`logistic regression needs class labels; '${target.name}' is numeric`);
    const params = options.params as ModelParams['logistic'];
    const onEpoch = options.onEpoch;
    return fitLogistic(x, target.labels, target.classes.length, {
      c: params.C,
      maxIterations: params.max_iter,
      tolerance: params.tol,
      ...(onEpoch
        ? {
            onIteration: (epoch, trainLoss, network) =>
              onEpoch({ epoch, trainLoss, ...(monitor ? validationLoss(network()) : {}) }),
          }
        : {}),
    });
  }
  const params = options.params as ModelParams['mlp'];
  const random = new Random(options.seed);
  let trainX = x;
  let trainTarget = target;
  let validation: { x: SparseRows; target: Targets } | undefined;
  if (params.early_stopping) {
    const split = earlyStoppingSplit(data, params, random);
    trainX = selectSparseRows(x, split.train);
    trainTarget = selectTargetRows(target, split.train);
    validation = {
      x: selectSparseRows(x, split.test),
      target: toTargets(selectTargetRows(target, split.test)),
    };
  }
  return fitMlp(trainX, toTargets(trainTarget), {
    hiddenLayers: params.hidden_layers,
    activation: params.activation,
    alpha: params.alpha,
    learningRate: params.learning_rate,
    batchSize: params.batch_size,
    maxEpochs: params.max_epochs,
    tolerance: params.tol,
    patience: params.n_iter_no_change,
    random,
    ...(validation ? { validation } : {}),
    ...(monitor && !validation ? { monitor } : {}),
    ...(options.onEpoch ? { onEpoch: options.onEpoch } : {}),
  });
}

function toTargets(target: TrainingTarget): Targets {
  return target.task === 'classification'
    ? { kind: 'classes', labels: target.labels, classes: target.classes.length }
    : { kind: 'values', values: target.values };
}

/**
 * The rows early stopping trains on and validates on (stratified), refused when the validation
 * share is too small to judge by: an empty split would stop training after the first epochs.
 */
export function earlyStoppingSplit(
  data: TrainingData,
  params: ModelParams['mlp'],
  random: Random,
): { train: number[]; test: number[] } {
  const { target } = data;
  const labels = target.task === 'classification' ? target.labels : undefined;
  const split = holdout(data.rows, params.validation_fraction, random, labels);
  const needed = target.task === 'classification' ? target.classes.length : 2;
  if (split.test.length < needed || split.train.length === 0)
    throw invalidParameter(
      `early stopping holds out ${split.test.length} of ${data.rows} rows for validation, too few to judge (at least ${needed}); raise validation_fraction or turn early_stopping off`,
      { field: 'validation_fraction' },
    );
  return split;
}
