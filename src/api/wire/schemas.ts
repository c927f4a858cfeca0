import { Type, type Static } from 'typebox';

/** JSON has no NaN or Infinity; metric values travel as numbers or these three strings. */
export const WireDouble = Type.Union(
  [Type.Number(), Type.Literal('NaN'), Type.Literal('Infinity'), Type.Literal('-Infinity')],
  {
    description:
      'A double; NaN, Infinity and -Infinity are sent as the strings "NaN", "Infinity", "-Infinity".',
  },
);

export const StringMap = Type.Record(Type.String(), Type.String());

export const ErrorBody = Type.Object(
  {
    error_code: Type.String({
      description: 'Stable code from docs/errors.md, e.g. RESOURCE_DOES_NOT_EXIST',
    }),
    message: Type.String(),
  },
  { $id: 'Error' },
);

export const WireExperiment = Type.Object({
  experiment_id: Type.String(),
  name: Type.String(),
  lifecycle_stage: Type.Union([Type.Literal('active'), Type.Literal('deleted')]),
  creation_time: Type.Integer({ description: 'ms since the Unix epoch' }),
  last_update_time: Type.Integer(),
  tags: StringMap,
});

export const RunStatusSchema = Type.Union([
  Type.Literal('RUNNING'),
  Type.Literal('SCHEDULED'),
  Type.Literal('FINISHED'),
  Type.Literal('FAILED'),
  Type.Literal('KILLED'),
]);

export const ViewSchema = Type.Union([
  Type.Literal('ACTIVE_ONLY'),
  Type.Literal('DELETED_ONLY'),
  Type.Literal('ALL'),
]);

export const WireMetricPoint = Type.Object({
  key: Type.String(),
  value: WireDouble,
  step: Type.Integer(),
  timestamp: Type.Integer(),
});

export const WireRunInfo = Type.Object({
  run_id: Type.String(),
  experiment_id: Type.String(),
  run_name: Type.String(),
  user_id: Type.String(),
  status: RunStatusSchema,
  start_time: Type.Integer(),
  end_time: Type.Union([Type.Integer(), Type.Null()]),
  lifecycle_stage: Type.Union([Type.Literal('active'), Type.Literal('deleted')]),
  parent_run_id: Type.Union([Type.String(), Type.Null()]),
});

export const WireRun = Type.Object({
  info: WireRunInfo,
  data: Type.Object({
    params: StringMap,
    tags: StringMap,
    metrics: Type.Record(Type.String(), WireMetricPoint, {
      description: 'latest point per metric key',
    }),
  }),
});

export const WireArtifactEntry = Type.Object({
  path: Type.String(),
  digest: Type.String({ description: 'sha256 of the content, lowercase hex' }),
  size: Type.Integer(),
  created_time: Type.Integer(),
});

export const WireArtifactListing = Type.Object({
  path: Type.String(),
  is_dir: Type.Boolean(),
  file_size: Type.Optional(Type.Integer()),
  digest: Type.Optional(Type.String()),
  created_time: Type.Optional(Type.Integer()),
});

export const NextPageToken = Type.Optional(Type.String({ description: 'absent on the last page' }));

export const KeyValue = Type.Object(
  { key: Type.String(), value: Type.String() },
  { additionalProperties: false },
);

export const MetricInputSchema = Type.Object(
  {
    key: Type.String(),
    value: WireDouble,
    step: Type.Optional(Type.Integer({ description: 'default 0' })),
    timestamp: Type.Optional(Type.Integer({ description: 'ms since the epoch; default now' })),
  },
  { additionalProperties: false },
);

export type WireExperiment = Static<typeof WireExperiment>;
export type WireRun = Static<typeof WireRun>;
export type WireRunInfo = Static<typeof WireRunInfo>;
export type WireMetricPoint = Static<typeof WireMetricPoint>;
export type WireArtifactEntry = Static<typeof WireArtifactEntry>;
export type WireArtifactListing = Static<typeof WireArtifactListing>;
export type WireDouble = Static<typeof WireDouble>;
