export { classificationMetrics, regressionMetrics, type Scores } from './evaluate/score.js';
export { crossValidate, type CrossValidation } from './evaluate/cross-validate.js';
export type { EpochLoss } from './models/model.js';
export { modelKinds, resolveParams, type ModelKind, type ModelParams } from './params.js';
export { fitModel, type TrainingData } from './pipeline/fit-model.js';
export { FittedModel } from './pipeline/fitted-model.js';
export { prepareTrainingData, type PreparedData } from './pipeline/prepare-data.js';
export type { Task } from './pipeline/training-target.js';
export { readTrainingFile, type TrainingFile } from './training-file.js';
export {
  DEFAULT_CV,
  DEFAULT_TEST_FRACTION,
  executeTraining,
  planTraining,
  trainModel,
  type TrainHooks,
  type TrainingPlan,
  type TrainOutcome,
  type TrainPhase,
  type TrainRequest,
} from './train-model.js';
export { trainerVersion } from './trainer-version.js';
export {
  featureTensors,
  type FeatureColumn,
  type FeatureTensor,
} from './onnx-export/feature-tensors.js';
