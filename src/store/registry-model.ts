import type { LifecycleStage } from './model.js';

/** Records of the model registry as the store keeps them. Times are ms since the epoch. */

export const modelVersionStatuses = [
  'PENDING_REGISTRATION',
  'READY',
  'FAILED_REGISTRATION',
] as const;
export type ModelVersionStatus = (typeof modelVersionStatuses)[number];

/** MLflow's stages, kept for compatibility; aliases are Gyre's primary way to name versions. */
export const modelStages = ['None', 'Staging', 'Production', 'Archived'] as const;
export type ModelStage = (typeof modelStages)[number];

export interface RegisteredModel {
  name: string;
  description: string;
  creationTime: number;
  lastUpdateTime: number;
  lifecycleStage: LifecycleStage;
  tags: Record<string, string>;
  /** alias → version number */
  aliases: Record<string, number>;
  /** Highest version number that is not deleted; null when there is none. */
  latestVersion: number | null;
}

/**
 * One registered version. The ONNX-derived fields (signature, feature schema, class labels,
 * model info) are JSON the registry service writes and types; the store keeps them verbatim.
 */
export interface ModelVersionRecord {
  name: string;
  version: number;
  /** Where it came from, as given: `runs:/<run>/<path>`, `models:/…`, `upload:<file name>`, `file:<path>`. */
  source: string;
  runId: string | null;
  status: ModelVersionStatus;
  statusMessage: string;
  description: string;
  stage: ModelStage;
  userId: string;
  creationTime: number;
  lastUpdateTime: number;
  lifecycleStage: LifecycleStage;
  /** sha256 of the model file in the artifact store. */
  digest: string;
  size: number;
  signature: unknown;
  featureSchema: unknown;
  classLabels: unknown;
  modelInfo: unknown;
  tags: Record<string, string>;
  aliases: string[];
}

/** Who changed what, when, from which value to which (`registry_audit`). */
export interface AuditEntry {
  id: number;
  time: number;
  actor: string;
  action: string;
  modelName: string;
  version: number | null;
  /** The alias or tag key the change is about, when there is one. */
  subject: string | null;
  oldValue: unknown;
  newValue: unknown;
}

/** A committed change, in the order of commit; `id` is the cursor other processes poll after. */
export interface ChangeEvent {
  id: number;
  time: number;
  type: string;
  payload: Record<string, unknown>;
}

/** Who makes a change and when; every registry write takes one. */
export interface Change {
  now: number;
  actor: string;
}

/** What a run consumed: a dataset version, a model version, a file… (lineage). */
export interface RunInput {
  kind: string;
  ref: string;
  digest: string | null;
  /** Anything else worth keeping about the input (JSON), e.g. an MLflow dataset's source and schema. */
  details?: Record<string, unknown> | null;
}
