import { Type, type Static } from 'typebox';
import { StringMap } from './schemas.js';

/** ONNX value types, recursively (tensor, sequence, map, optional). */
const TypeSpecSchema = Type.Object(
  {
    kind: Type.String({ description: 'tensor, sparse_tensor, sequence, map, optional or unknown' }),
    element_type: Type.Optional(
      Type.String({ description: 'ONNX element type, e.g. FLOAT, INT64, STRING' }),
    ),
    shape: Type.Optional(
      Type.Union(
        [Type.Array(Type.Union([Type.Integer(), Type.String(), Type.Null()])), Type.Null()],
        {
          description: 'fixed sizes, symbolic names, or null for unknown; null for any rank',
        },
      ),
    ),
    element: Type.Optional(Type.Any()),
    key_type: Type.Optional(Type.String()),
    value: Type.Optional(Type.Any()),
  },
  { additionalProperties: true },
);

const ValueSpecSchema = Type.Object({
  name: Type.String(),
  type: TypeSpecSchema,
  doc_string: Type.Optional(Type.String()),
});

export const WireSignature = Type.Object({
  inputs: Type.Array(ValueSpecSchema),
  outputs: Type.Array(ValueSpecSchema),
});

export const WireFeatureSpec = Type.Object({
  name: Type.String(),
  type: Type.String(),
  input: Type.String(),
  parts: Type.Optional(Type.Array(Type.String())),
});

const WireOnnxSummary = Type.Object({
  ir_version: Type.Integer(),
  opsets: Type.Array(Type.Object({ domain: Type.String(), version: Type.Integer() })),
  producer_name: Type.String(),
  producer_version: Type.String(),
  graph_name: Type.String(),
  doc_string: Type.String(),
  metadata: StringMap,
  initializers: Type.Object({ count: Type.Integer(), bytes: Type.Integer() }),
  constants: Type.Object({ count: Type.Integer(), bytes: Type.Integer() }),
  node_count: Type.Integer(),
});

export const WireRegisteredModel = Type.Object({
  name: Type.String(),
  description: Type.String(),
  creation_time: Type.Integer(),
  last_update_time: Type.Integer(),
  lifecycle_stage: Type.String(),
  tags: StringMap,
  aliases: Type.Record(Type.String(), Type.Integer(), { description: 'alias → version' }),
  latest_version: Type.Union([Type.Integer(), Type.Null()]),
});

export const WireModelVersion = Type.Object({
  name: Type.String(),
  version: Type.Integer(),
  uri: Type.String({ description: 'models:/name/version' }),
  source: Type.String(),
  run_id: Type.Union([Type.String(), Type.Null()]),
  status: Type.String({ description: 'PENDING_REGISTRATION, READY or FAILED_REGISTRATION' }),
  status_message: Type.String(),
  description: Type.String(),
  stage: Type.String({ description: 'None, Staging, Production or Archived' }),
  user_id: Type.String(),
  creation_time: Type.Integer(),
  last_update_time: Type.Integer(),
  lifecycle_stage: Type.String(),
  digest: Type.String({ description: 'sha256 of the ONNX file' }),
  size: Type.Integer(),
  signature: Type.Union([WireSignature, Type.Null()]),
  feature_schema: Type.Union([Type.Array(WireFeatureSpec), Type.Null()]),
  class_labels: Type.Union([Type.Array(Type.String()), Type.Null()]),
  onnx: Type.Union([WireOnnxSummary, Type.Null()]),
  tags: StringMap,
  aliases: Type.Array(Type.String()),
});

export const WireAuditEntry = Type.Object({
  id: Type.Integer(),
  time: Type.Integer(),
  actor: Type.String(),
  action: Type.String({
    description: 'e.g. model.created, version.created, alias.set, version.stage_changed',
  }),
  model_name: Type.String(),
  version: Type.Union([Type.Integer(), Type.Null()]),
  subject: Type.Union([Type.String(), Type.Null()], {
    description: 'the alias or tag key changed',
  }),
  old_value: Type.Any(),
  new_value: Type.Any(),
});

export const WireChangeEvent = Type.Object({
  id: Type.Integer({ description: 'cursor: poll with after=<last id seen>' }),
  time: Type.Integer(),
  type: Type.String(),
  payload: Type.Record(Type.String(), Type.Any()),
});

export const WireRunInput = Type.Object(
  {
    kind: Type.String({ description: "e.g. 'dataset', 'model', 'file'" }),
    ref: Type.String({ description: 'a URI or name, e.g. datasets:/flights/3' }),
    digest: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    details: Type.Optional(
      Type.Union([Type.Record(Type.String(), Type.Any()), Type.Null()], {
        description: 'any JSON object',
      }),
    ),
  },
  { additionalProperties: false },
);

export type WireRegisteredModel = Static<typeof WireRegisteredModel>;
export type WireModelVersion = Static<typeof WireModelVersion>;
export type WireAuditEntry = Static<typeof WireAuditEntry>;
export type WireChangeEvent = Static<typeof WireChangeEvent>;
export type WireSignature = Static<typeof WireSignature>;
