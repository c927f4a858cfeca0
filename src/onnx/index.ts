export { encodeOnnxModel } from './encode-model.js';
export { elementType, elementTypeCode } from './element-types.js';
export { inspectOnnxModel } from './inspect-model.js';
export type { Dim, ModelSignature, OnnxModelInfo, TypeSpec, ValueSpec } from './model-info.js';
export { onnx, type OnnxTypes } from './onnx-proto.js';
export { refuseExternalData } from './external-data.js';
export { parseOnnxModel } from './parse-model.js';
export {
  checkLoadsInRuntime,
  createRuntimeSession,
  runtimeTensorFactory,
  type RuntimeSession,
  type RuntimeTensor,
  type RuntimeTensorFactory,
  type SessionOptions,
} from './runtime/onnx-runtime.js';
export {
  checkClassLabels,
  checkFeatureSchema,
  datetimeParts,
  featureInputs,
  featureTypes,
  gyreMetadataKeys,
  readClassLabels,
  readFeatureSchema,
  type DatetimePart,
  type FeatureSchema,
  type FeatureSpec,
} from './gyre-metadata.js';
export { datetimePart } from './datetime-part.js';
