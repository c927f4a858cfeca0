import { isGyreError } from '../core/errors/index.js';
import {
  checkClassLabels,
  checkFeatureSchema,
  checkLoadsInRuntime,
  inspectOnnxModel,
  parseOnnxModel,
  refuseExternalData,
  readClassLabels,
  readFeatureSchema,
  type FeatureSchema,
  type ModelSignature,
  type OnnxModelInfo,
} from '../onnx/index.js';

export interface CheckedModel {
  signature: ModelSignature | null;
  featureSchema: FeatureSchema | null;
  classLabels: string[] | null;
  modelInfo: Omit<OnnxModelInfo, 'signature'> | null;
  /** Empty for a servable ONNX model; otherwise why it cannot be served. */
  notServable: string;
}

/**
 * Checks the bytes twice — they parse as ONNX, onnxruntime can load them — and extracts the
 * signature, feature schema and class labels. When `acceptNonOnnx` (MLflow compatibility), a
 * failed check does not refuse the version: it comes back marked not servable, with the reason.
 */
export async function checkModelBytes(
  bytes: Buffer | undefined,
  overrides: { featureSchema?: unknown; classLabels?: unknown },
  options: { acceptNonOnnx: boolean; whyNoBytes?: string },
): Promise<CheckedModel> {
  const notServable = (reason: string): CheckedModel => ({
    signature: null,
    featureSchema: null,
    classLabels: null,
    modelInfo: null,
    notServable: `not servable: ${reason}`,
  });
  if (!bytes) return notServable(options.whyNoBytes ?? 'no ONNX model');
  let info: OnnxModelInfo;
  try {
    const model = parseOnnxModel(bytes);
    refuseExternalData(model);
    info = inspectOnnxModel(model);
    await checkLoadsInRuntime(bytes);
  } catch (error) {
    if (options.acceptNonOnnx && isGyreError(error) && error.code === 'INVALID_PARAMETER_VALUE')
      return notServable(error.message);
    throw error;
  }
  const inputNames = info.signature.inputs.map((i) => i.name);
  const featureSchema =
    overrides.featureSchema === undefined
      ? readFeatureSchema(info.metadata, inputNames)
      : checkFeatureSchema(overrides.featureSchema, inputNames, 'feature_schema');
  const classLabels =
    overrides.classLabels === undefined
      ? readClassLabels(info.metadata)
      : checkClassLabels(overrides.classLabels, 'class_labels');
  const { signature, ...modelInfo } = info;
  return {
    signature,
    featureSchema: featureSchema ?? null,
    classLabels: classLabels ?? null,
    modelInfo,
    notServable: '',
  };
}
