import { invalidParameter } from '../../core/errors/index.js';
import type { FeatureSpec } from '../../onnx/index.js';
import { selectSparseRows, type SparseRows } from '../sparse-rows.js';
import { fitLogistic } from '../models/logistic.js';
import { evaluateLoss, fitMlp, type Targets } from '../models/mlp.js';
import type { EpochLoss, TrainedNetwork } from '../models/model.js';
import { fitRidge } from '../models/ridge.js';
import type { ModelKind, ModelParams } from '../params.js';
import type { Columns } from '../preprocess/column-data.js';
import { Preprocessor } from '../preprocess/preprocessor.js';
import { Random } from '../random.js';
import { earlyStoppingSplit } from './early-stopping-split.js';
import { FittedModel } from './fitted-model.js';
import { selectTargetRows, type TrainingTarget } from './training-target.js';

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
