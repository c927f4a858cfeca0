/** Loading models into onnxruntime and running them: the predictor behind serving and library mode. */
export { checkInputs } from './check-inputs.js';
export { allocateTensorData, datatypeOfOnnx, storageOf } from './datatype-table.js';
export { defaultRuntimeThreads, loadModel, type LoadModelOptions } from './load-model.js';
export { LoadedModel, type InferOptions, type LoadedModelInfo } from './loaded-model.js';
export { ModelRuntime, type RuntimeThreads } from './model-runtime.js';
export type { ModelReader, ModelSource } from './model-source.js';
export { servingSignature, type ServingSignature } from './serving-signature.js';
export {
  datatypes,
  elementCount,
  type Datatype,
  type Tensor,
  type TensorData,
  type TensorDataTypes,
  type TensorSpec,
} from './tensor.js';
export type { WarmUpReport } from './warm-up.js';
