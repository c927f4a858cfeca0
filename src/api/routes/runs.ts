import { Type } from 'typebox';
import type { RunSearch, TrackingService } from '../../tracking/index.js';
import type { TypedApp } from '../typed-app.js';
import { toWireRun } from '../wire/convert.js';
import {
  ErrorBody,
  NextPageToken,
  RunStatusSchema,
  StringMap,
  ViewSchema,
  WireRun,
} from '../wire/schemas.js';

const tags = ['runs'];
const errors = { 400: ErrorBody, 404: ErrorBody };
const RunReply = Type.Object({ run: WireRun });
const RunParams = Type.Object({ run_id: Type.String() });
const SearchReply = Type.Object({ runs: Type.Array(WireRun), next_page_token: NextPageToken });

const searchFields = {
  experiment_ids: Type.Optional(
    Type.Array(Type.String(), { description: 'default: every experiment' }),
  ),
  filter: Type.Optional(
    Type.String({
      description: "e.g. metrics.acc > 0.9 and (params.optimizer = 'adam' or tags.team = 'x')",
    }),
  ),
  order_by: Type.Optional(Type.Array(Type.String(), { description: "e.g. 'metrics.acc DESC'" })),
  view: Type.Optional(ViewSchema),
  max_results: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 50_000, description: 'default 1000' }),
  ),
  page_token: Type.Optional(Type.String()),
};

interface SearchFields {
  experiment_ids?: string[];
  filter?: string;
  order_by?: string[];
  view?: string;
  max_results?: number;
  page_token?: string;
}

function toSearch(fields: SearchFields): RunSearch {
  return {
    experimentIds: fields.experiment_ids,
    filter: fields.filter,
    orderBy: fields.order_by,
    view: fields.view as RunSearch['view'],
    maxResults: fields.max_results,
    pageToken: fields.page_token,
  };
}

export function runRoutes(app: TypedApp, tracking: TrackingService): void {
  app.post(
    '/api/v1/runs',
    {
      schema: {
        tags,
        summary: 'Create a run',
        body: Type.Object(
          {
            experiment_id: Type.Optional(Type.String({ description: "default '0' (Default)" })),
            run_name: Type.Optional(Type.String()),
            tags: Type.Optional(StringMap),
            parent_run_id: Type.Optional(Type.String()),
            start_time: Type.Optional(
              Type.Integer({ description: 'ms since the epoch; default now' }),
            ),
            user_id: Type.Optional(Type.String()),
          },
          { additionalProperties: false },
        ),
        response: { 201: RunReply, ...errors },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const run = await tracking.runs.create({
        experimentId: b.experiment_id,
        runName: b.run_name,
        tags: b.tags,
        parentRunId: b.parent_run_id,
        startTime: b.start_time,
        userId: b.user_id,
      });
      return reply.status(201).send({ run: toWireRun(run) });
    },
  );

  app.get(
    '/api/v1/runs',
    {
      schema: {
        tags,
        summary: 'Search runs (query-string form)',
        querystring: Type.Object(searchFields),
        response: { 200: SearchReply, ...errors },
      },
    },
    async (request) => {
      const page = await tracking.runs.search(toSearch(request.query));
      return { runs: page.items.map(toWireRun), next_page_token: page.nextPageToken };
    },
  );

  app.post(
    '/api/v1/runs/search',
    {
      schema: {
        tags,
        summary: 'Search runs across experiments',
        body: Type.Object(searchFields, { additionalProperties: false }),
        response: { 200: SearchReply, ...errors },
      },
    },
    async (request) => {
      const page = await tracking.runs.search(toSearch(request.body ?? {}));
      return { runs: page.items.map(toWireRun), next_page_token: page.nextPageToken };
    },
  );

  app.get(
    '/api/v1/runs/:run_id',
    {
      schema: {
        tags,
        summary: 'Get a run with its params, tags and latest metrics',
        params: RunParams,
        response: { 200: RunReply, ...errors },
      },
    },
    async (request) => ({ run: toWireRun(await tracking.runs.get(request.params.run_id)) }),
  );

  app.patch(
    '/api/v1/runs/:run_id',
    {
      schema: {
        tags,
        summary: 'Update status, end time or name',
        description: 'Setting FINISHED, FAILED or KILLED without end_time stamps the end time now.',
        params: RunParams,
        body: Type.Object(
          {
            status: Type.Optional(RunStatusSchema),
            end_time: Type.Optional(Type.Integer()),
            run_name: Type.Optional(Type.String()),
          },
          { additionalProperties: false },
        ),
        response: { 200: RunReply, ...errors },
      },
    },
    async (request) => {
      const b = request.body;
      await tracking.runs.update(request.params.run_id, {
        status: b.status,
        endTime: b.end_time,
        runName: b.run_name,
      });
      return { run: toWireRun(await tracking.runs.get(request.params.run_id)) };
    },
  );

  app.delete(
    '/api/v1/runs/:run_id',
    {
      schema: {
        tags,
        summary: 'Soft-delete a run',
        params: RunParams,
        response: { 200: RunReply, ...errors },
      },
    },
    async (request) => {
      await tracking.runs.delete(request.params.run_id);
      return { run: toWireRun(await tracking.runs.get(request.params.run_id)) };
    },
  );

  app.post(
    '/api/v1/runs/:run_id/restore',
    {
      schema: {
        tags,
        summary: 'Restore a deleted run',
        params: RunParams,
        response: { 200: RunReply, ...errors },
      },
    },
    async (request) => {
      await tracking.runs.restore(request.params.run_id);
      return { run: toWireRun(await tracking.runs.get(request.params.run_id)) };
    },
  );
}
