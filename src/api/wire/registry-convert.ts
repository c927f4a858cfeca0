import type { ModelSignature, TypeSpec, ValueSpec } from '../../onnx/index.js';
import type { ModelVersion, OnnxSummary } from '../../registry/index.js';
import type { AuditEntry, RegisteredModel } from '../../store/index.js';
import type {
  WireAuditEntry,
  WireModelVersion,
  WireRegisteredModel,
  WireSignature,
} from './registry-schemas.js';

/** Registry records ⇄ snake_case JSON; the SDK uses the `from…` half. */

export function toWireModel(m: RegisteredModel): WireRegisteredModel {
  return {
    name: m.name,
    description: m.description,
    creation_time: m.creationTime,
    last_update_time: m.lastUpdateTime,
    lifecycle_stage: m.lifecycleStage,
    tags: m.tags,
    aliases: m.aliases,
    latest_version: m.latestVersion,
  };
}

export function fromWireModel(w: WireRegisteredModel): RegisteredModel {
  return {
    name: w.name,
    description: w.description,
    creationTime: w.creation_time,
    lastUpdateTime: w.last_update_time,
    lifecycleStage: w.lifecycle_stage as RegisteredModel['lifecycleStage'],
    tags: w.tags,
    aliases: w.aliases,
    latestVersion: w.latest_version,
  };
}

export function toWireVersion(v: ModelVersion): WireModelVersion {
  return {
    name: v.name,
    version: v.version,
    uri: v.uri,
    source: v.source,
    run_id: v.runId,
    status: v.status,
    status_message: v.statusMessage,
    description: v.description,
    stage: v.stage,
    user_id: v.userId,
    creation_time: v.creationTime,
    last_update_time: v.lastUpdateTime,
    lifecycle_stage: v.lifecycleStage,
    digest: v.digest,
    size: v.size,
    signature: v.signature
      ? {
          inputs: v.signature.inputs.map(toWireValue),
          outputs: v.signature.outputs.map(toWireValue),
        }
      : null,
    feature_schema: v.featureSchema,
    class_labels: v.classLabels,
    onnx: v.onnx ? toWireOnnx(v.onnx) : null,
    tags: v.tags,
    aliases: v.aliases,
  };
}

export function fromWireVersion(w: WireModelVersion): ModelVersion {
  return {
    name: w.name,
    version: w.version,
    uri: w.uri,
    source: w.source,
    runId: w.run_id,
    status: w.status as ModelVersion['status'],
    statusMessage: w.status_message,
    description: w.description,
    stage: w.stage as ModelVersion['stage'],
    userId: w.user_id,
    creationTime: w.creation_time,
    lastUpdateTime: w.last_update_time,
    lifecycleStage: w.lifecycle_stage as ModelVersion['lifecycleStage'],
    digest: w.digest,
    size: w.size,
    signature: w.signature ? fromWireSignature(w.signature) : null,
    featureSchema: w.feature_schema as ModelVersion['featureSchema'],
    classLabels: w.class_labels,
    onnx: w.onnx
      ? {
          irVersion: w.onnx.ir_version,
          opsets: w.onnx.opsets,
          producerName: w.onnx.producer_name,
          producerVersion: w.onnx.producer_version,
          graphName: w.onnx.graph_name,
          docString: w.onnx.doc_string,
          metadata: w.onnx.metadata,
          initializers: w.onnx.initializers,
          constants: w.onnx.constants,
          nodeCount: w.onnx.node_count,
        }
      : null,
    tags: w.tags,
    aliases: w.aliases,
  };
}

export function toWireAudit(a: AuditEntry): WireAuditEntry {
  return {
    id: a.id,
    time: a.time,
    actor: a.actor,
    action: a.action,
    model_name: a.modelName,
    version: a.version,
    subject: a.subject,
    old_value: a.oldValue,
    new_value: a.newValue,
  };
}

export function fromWireAudit(w: WireAuditEntry): AuditEntry {
  return {
    id: w.id,
    time: w.time,
    actor: w.actor,
    action: w.action,
    modelName: w.model_name,
    version: w.version,
    subject: w.subject,
    oldValue: w.old_value,
    newValue: w.new_value,
  };
}

function toWireOnnx(o: OnnxSummary): NonNullable<WireModelVersion['onnx']> {
  return {
    ir_version: o.irVersion,
    opsets: o.opsets,
    producer_name: o.producerName,
    producer_version: o.producerVersion,
    graph_name: o.graphName,
    doc_string: o.docString,
    metadata: o.metadata,
    initializers: o.initializers,
    constants: o.constants,
    node_count: o.nodeCount,
  };
}

type WireValue = WireSignature['inputs'][number];
type WireType = WireValue['type'];

function toWireValue(v: ValueSpec): WireValue {
  return v.docString === undefined
    ? { name: v.name, type: toWireType(v.type) }
    : { name: v.name, type: toWireType(v.type), doc_string: v.docString };
}

function toWireType(t: TypeSpec): WireType {
  switch (t.kind) {
    case 'tensor':
    case 'sparse_tensor':
      return { kind: t.kind, element_type: t.elementType, shape: t.shape };
    case 'sequence':
    case 'optional':
      return { kind: t.kind, element: toWireType(t.element) };
    case 'map':
      return { kind: 'map', key_type: t.keyType, value: toWireType(t.value) };
    default:
      return { kind: 'unknown' };
  }
}

function fromWireSignature(w: WireSignature): ModelSignature {
  const value = (v: WireValue): ValueSpec => ({
    name: v.name,
    type: fromWireType(v.type),
    ...(v.doc_string === undefined ? {} : { docString: v.doc_string }),
  });
  return { inputs: w.inputs.map(value), outputs: w.outputs.map(value) };
}

function fromWireType(w: WireType): TypeSpec {
  switch (w.kind) {
    case 'tensor':
    case 'sparse_tensor':
      return { kind: w.kind, elementType: w.element_type ?? 'UNDEFINED', shape: w.shape ?? null };
    case 'sequence':
    case 'optional':
      return { kind: w.kind, element: fromWireType(w.element as WireType) };
    case 'map':
      return {
        kind: 'map',
        keyType: w.key_type ?? 'UNDEFINED',
        value: fromWireType(w.value as WireType),
      };
    default:
      return { kind: 'unknown' };
  }
}
