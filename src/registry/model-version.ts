import type { FeatureSchema, ModelSignature, OnnxModelInfo } from '../onnx/index.js';
import type { ModelVersionRecord } from '../store/index.js';

/** What the registry knows of the ONNX file beyond its signature. */
export type OnnxSummary = Omit<OnnxModelInfo, 'signature'>;

/** A registered version with its ONNX-derived fields typed (the store keeps them as JSON). */
export interface ModelVersion extends Omit<
  ModelVersionRecord,
  'signature' | 'featureSchema' | 'classLabels' | 'modelInfo'
> {
  signature: ModelSignature | null;
  featureSchema: FeatureSchema | null;
  classLabels: string[] | null;
  onnx: OnnxSummary | null;
  /** `models:/name/version` */
  uri: string;
}

export function toModelVersion(record: ModelVersionRecord): ModelVersion {
  const { signature, featureSchema, classLabels, modelInfo, ...rest } = record;
  return {
    ...rest,
    signature: (signature ?? null) as ModelSignature | null,
    featureSchema: (featureSchema ?? null) as FeatureSchema | null,
    classLabels: (classLabels ?? null) as string[] | null,
    onnx: (modelInfo ?? null) as OnnxSummary | null,
    uri: `models:/${record.name}/${record.version}`,
  };
}
