import { Type } from 'typebox';
import type { TrackingService } from '../../tracking/index.js';
import type { TypedApp } from '../typed-app.js';
import { toWireExperiment } from '../wire/convert.js';
import {
  ErrorBody,
  NextPageToken,
  StringMap,
  ViewSchema,
  WireExperiment,
} from '../wire/schemas.js';

const tags = ['experiments'];
const errors = { 400: ErrorBody, 404: ErrorBody };
const ExperimentReply = Type.Object({ experiment: WireExperiment });
const IdParams = Type.Object({ experiment_id: Type.String() });

export function experimentRoutes(app: TypedApp, tracking: TrackingService): void {
  app.post(
    '/api/v1/experiments',
    {
      schema: {
        tags,
        summary: 'Create an experiment',
        body: Type.Object(
          { name: Type.String(), tags: Type.Optional(StringMap) },
          { additionalProperties: false },
        ),
        response: { 201: ExperimentReply, ...errors },
      },
    },
    async (request, reply) => {
      const experiment = await tracking.experiments.create(request.body);
      return reply.status(201).send({ experiment: toWireExperiment(experiment) });
    },
  );

  app.get(
    '/api/v1/experiments',
    {
      schema: {
        tags,
        summary: 'Search experiments',
        querystring: Type.Object({
          view: Type.Optional(ViewSchema),
          filter: Type.Optional(
            Type.String({ description: "e.g. name LIKE 'fraud%' and tags.team = 'risk'" }),
          ),
          order_by: Type.Optional(
            Type.Array(Type.String(), { description: "repeatable, e.g. 'name ASC'" }),
          ),
          max_results: Type.Optional(Type.Integer({ minimum: 1 })),
          page_token: Type.Optional(Type.String()),
        }),
        response: {
          200: Type.Object({
            experiments: Type.Array(WireExperiment),
            next_page_token: NextPageToken,
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const q = request.query;
      const page = await tracking.experiments.search({
        view: q.view,
        filter: q.filter,
        orderBy: q.order_by,
        maxResults: q.max_results,
        pageToken: q.page_token,
      });
      return { experiments: page.items.map(toWireExperiment), next_page_token: page.nextPageToken };
    },
  );

  app.get(
    '/api/v1/experiments/by-name',
    {
      schema: {
        tags,
        summary: 'Get an experiment by name',
        querystring: Type.Object({ name: Type.String() }),
        response: { 200: ExperimentReply, ...errors },
      },
    },
    async (request) => ({
      experiment: toWireExperiment(await tracking.experiments.getByName(request.query.name)),
    }),
  );

  app.get(
    '/api/v1/experiments/:experiment_id',
    {
      schema: {
        tags,
        summary: 'Get an experiment',
        params: IdParams,
        response: { 200: ExperimentReply, ...errors },
      },
    },
    async (request) => ({
      experiment: toWireExperiment(await tracking.experiments.get(request.params.experiment_id)),
    }),
  );

  app.patch(
    '/api/v1/experiments/:experiment_id',
    {
      schema: {
        tags,
        summary: 'Rename an experiment',
        params: IdParams,
        body: Type.Object({ name: Type.String() }, { additionalProperties: false }),
        response: { 200: ExperimentReply, ...errors },
      },
    },
    async (request) => ({
      experiment: toWireExperiment(
        await tracking.experiments.rename(request.params.experiment_id, request.body.name),
      ),
    }),
  );

  app.delete(
    '/api/v1/experiments/:experiment_id',
    {
      schema: {
        tags,
        summary: 'Soft-delete an experiment and its runs',
        params: IdParams,
        response: { 200: ExperimentReply, ...errors },
      },
    },
    async (request) => ({
      experiment: toWireExperiment(await tracking.experiments.delete(request.params.experiment_id)),
    }),
  );

  app.post(
    '/api/v1/experiments/:experiment_id/restore',
    {
      schema: {
        tags,
        summary: 'Restore a deleted experiment',
        params: IdParams,
        response: { 200: ExperimentReply, ...errors },
      },
    },
    async (request) => ({
      experiment: toWireExperiment(
        await tracking.experiments.restore(request.params.experiment_id),
      ),
    }),
  );

  app.put(
    '/api/v1/experiments/:experiment_id/tags',
    {
      schema: {
        tags,
        summary: 'Set an experiment tag',
        params: IdParams,
        body: Type.Object(
          { key: Type.String(), value: Type.String() },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await tracking.experiments.setTag(
        request.params.experiment_id,
        request.body.key,
        request.body.value,
      );
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/api/v1/experiments/:experiment_id/tags',
    {
      schema: {
        tags,
        summary: 'Delete an experiment tag',
        params: IdParams,
        querystring: Type.Object({ key: Type.String() }),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await tracking.experiments.deleteTag(request.params.experiment_id, request.query.key);
      return reply.status(204).send(null);
    },
  );
}
