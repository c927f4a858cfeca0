import { Type } from 'typebox';
import type { TrackingService } from '../../tracking/index.js';
import type { TypedApp } from '../typed-app.js';
import { WireRunInput } from '../wire/registry-schemas.js';
import { fromWireDouble, toWireMetric } from '../wire/convert.js';
import {
  ErrorBody,
  KeyValue,
  MetricInputSchema,
  NextPageToken,
  WireMetricPoint,
} from '../wire/schemas.js';

const tags = ['run logging'];
const errors = { 400: ErrorBody, 404: ErrorBody };
const RunParams = Type.Object({ run_id: Type.String() });
const NoContent = { 204: Type.Null(), ...errors };

interface WireMetricInput {
  key: string;
  value: number | string;
  step?: number;
  timestamp?: number;
}

const toMetric = (m: WireMetricInput) => ({
  key: m.key,
  value: fromWireDouble(m.value as never),
  step: m.step,
  timestamp: m.timestamp,
});

export function runLoggingRoutes(app: TypedApp, tracking: TrackingService): void {
  app.post(
    '/api/v1/runs/:run_id/batch',
    {
      schema: {
        tags,
        summary: 'Log metrics, params and tags in one atomic write',
        description:
          'All or nothing: if any entry is invalid or a param conflicts, nothing is written. Limits: 10,000 metrics, 1,000 params, 1,000 tags.',
        params: RunParams,
        body: Type.Object(
          {
            metrics: Type.Optional(Type.Array(MetricInputSchema)),
            params: Type.Optional(Type.Array(KeyValue)),
            tags: Type.Optional(Type.Array(KeyValue)),
          },
          { additionalProperties: false },
        ),
        response: NoContent,
      },
    },
    async (request, reply) => {
      const b = request.body;
      await tracking.runs.logBatch(request.params.run_id, {
        metrics: b.metrics?.map(toMetric),
        params: b.params,
        tags: b.tags,
      });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/runs/:run_id/metrics',
    {
      schema: {
        tags,
        summary: 'Log one metric point',
        params: RunParams,
        body: MetricInputSchema,
        response: NoContent,
      },
    },
    async (request, reply) => {
      await tracking.runs.logMetric(request.params.run_id, toMetric(request.body));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/runs/:run_id/params',
    {
      schema: {
        tags,
        summary: 'Log a param (immutable: a different value for the same key is refused)',
        params: RunParams,
        body: KeyValue,
        response: NoContent,
      },
    },
    async (request, reply) => {
      await tracking.runs.logParam(request.params.run_id, request.body.key, request.body.value);
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/api/v1/runs/:run_id/tags',
    {
      schema: {
        tags,
        summary: 'Set a run tag',
        params: RunParams,
        body: KeyValue,
        response: NoContent,
      },
    },
    async (request, reply) => {
      await tracking.runs.setTag(request.params.run_id, request.body.key, request.body.value);
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/api/v1/runs/:run_id/tags',
    {
      schema: {
        tags,
        summary: 'Delete a run tag',
        params: RunParams,
        querystring: Type.Object({ key: Type.String() }),
        response: NoContent,
      },
    },
    async (request, reply) => {
      await tracking.runs.deleteTag(request.params.run_id, request.query.key);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/runs/:run_id/metrics/history',
    {
      schema: {
        tags,
        summary: 'Every point of one metric, by step then timestamp',
        params: RunParams,
        querystring: Type.Object({
          key: Type.String(),
          max_results: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
          page_token: Type.Optional(Type.String()),
        }),
        response: {
          200: Type.Object({
            metrics: Type.Array(WireMetricPoint),
            next_page_token: NextPageToken,
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const q = request.query;
      const page = await tracking.runs.metricHistory(request.params.run_id, q.key, {
        maxResults: q.max_results,
        pageToken: q.page_token,
      });
      return { metrics: page.items.map(toWireMetric), next_page_token: page.nextPageToken };
    },
  );

  app.post(
    '/api/v1/runs/:run_id/inputs',
    {
      schema: {
        tags,
        summary: 'Record what the run consumed (datasets, models, files), for lineage',
        params: RunParams,
        body: Type.Object({ inputs: Type.Array(WireRunInput) }, { additionalProperties: false }),
        response: NoContent,
      },
    },
    async (request, reply) => {
      await tracking.runs.logInputs(
        request.params.run_id,
        request.body.inputs.map((input) => ({
          kind: input.kind,
          ref: input.ref,
          digest: input.digest ?? null,
          ...(input.details ? { details: input.details as Record<string, unknown> } : {}),
        })),
      );
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/runs/:run_id/inputs',
    {
      schema: {
        tags,
        summary: "The run's recorded inputs",
        params: RunParams,
        response: { 200: Type.Object({ inputs: Type.Array(WireRunInput) }), ...errors },
      },
    },
    async (request) => ({ inputs: await tracking.runs.inputs(request.params.run_id) }),
  );
}
