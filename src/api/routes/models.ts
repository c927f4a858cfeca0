import { Type } from 'typebox';
import type { RegistryService } from '../../registry/index.js';
import { actorOf } from '../actor.js';
import type { TypedApp } from '../typed-app.js';
import { toWireAudit, toWireModel, toWireVersion } from '../wire/registry-convert.js';
import { WireAuditEntry, WireModelVersion, WireRegisteredModel } from '../wire/registry-schemas.js';
import { ErrorBody, NextPageToken, StringMap, ViewSchema } from '../wire/schemas.js';

const tags = ['registry'];
const errors = { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const Name = Type.Object({ name: Type.String() });
const ModelReply = Type.Object({ model: WireRegisteredModel });
const NoContent = { 204: Type.Null(), ...errors };

export function modelRoutes(app: TypedApp, registry: RegistryService): void {
  const as = (request: Parameters<typeof actorOf>[0]) => registry.as(actorOf(request)).models;

  app.post(
    '/api/v1/models',
    {
      schema: {
        tags,
        summary: 'Create a registered model',
        body: Type.Object(
          {
            name: Type.String(),
            description: Type.Optional(Type.String()),
            tags: Type.Optional(StringMap),
          },
          { additionalProperties: false },
        ),
        response: { 201: ModelReply, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send({ model: toWireModel(await as(request).create(request.body)) }),
  );

  app.get(
    '/api/v1/models',
    {
      schema: {
        tags,
        summary: 'Search registered models',
        querystring: Type.Object({
          filter: Type.Optional(
            Type.String({ description: "e.g. name LIKE 'fraud%' and tags.team = 'risk'" }),
          ),
          order_by: Type.Optional(Type.Array(Type.String())),
          view: Type.Optional(ViewSchema),
          max_results: Type.Optional(Type.Integer({ minimum: 1 })),
          page_token: Type.Optional(Type.String()),
        }),
        response: {
          200: Type.Object({
            models: Type.Array(WireRegisteredModel),
            next_page_token: NextPageToken,
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const q = request.query;
      const page = await registry.models.search({
        filter: q.filter,
        orderBy: q.order_by,
        view: q.view,
        maxResults: q.max_results,
        pageToken: q.page_token,
      });
      return { models: page.items.map(toWireModel), next_page_token: page.nextPageToken };
    },
  );

  app.get(
    '/api/v1/models/:name',
    {
      schema: {
        tags,
        summary: 'Get a registered model',
        params: Name,
        response: { 200: ModelReply, ...errors },
      },
    },
    async (request) => ({ model: toWireModel(await registry.models.get(request.params.name)) }),
  );

  app.patch(
    '/api/v1/models/:name',
    {
      schema: {
        tags,
        summary: 'Update the description, or rename (`name`)',
        params: Name,
        body: Type.Object(
          { name: Type.Optional(Type.String()), description: Type.Optional(Type.String()) },
          { additionalProperties: false },
        ),
        response: { 200: ModelReply, ...errors },
      },
    },
    async (request) => {
      const models = as(request);
      let name = request.params.name;
      if (request.body.name !== undefined)
        name = (await models.rename(name, request.body.name)).name;
      return {
        model: toWireModel(await models.update(name, { description: request.body.description })),
      };
    },
  );

  app.delete(
    '/api/v1/models/:name',
    {
      schema: {
        tags,
        summary: 'Soft-delete a registered model',
        description:
          'A model with versions or aliases needs force=true, which deletes them too; without it the 409 lists them.',
        params: Name,
        querystring: Type.Object({ force: Type.Optional(Type.Boolean()) }),
        response: {
          200: Type.Object({
            deleted: Type.Object({
              versions: Type.Array(Type.Integer()),
              aliases: Type.Array(Type.String()),
            }),
          }),
          ...errors,
        },
      },
    },
    async (request) => ({
      deleted: await as(request).delete(request.params.name, { force: request.query.force }),
    }),
  );

  app.put(
    '/api/v1/models/:name/tags',
    {
      schema: {
        tags,
        summary: 'Set a model tag',
        params: Name,
        body: Type.Object(
          { key: Type.String(), value: Type.String() },
          { additionalProperties: false },
        ),
        response: NoContent,
      },
    },
    async (request, reply) => {
      await as(request).setTag(request.params.name, request.body.key, request.body.value);
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/api/v1/models/:name/tags',
    {
      schema: {
        tags,
        summary: 'Delete a model tag',
        params: Name,
        querystring: Type.Object({ key: Type.String() }),
        response: NoContent,
      },
    },
    async (request, reply) => {
      await as(request).deleteTag(request.params.name, request.query.key);
      return reply.status(204).send(null);
    },
  );

  const AliasParams = Type.Object({ name: Type.String(), alias: Type.String() });
  app.put(
    '/api/v1/models/:name/aliases/:alias',
    {
      schema: {
        tags,
        summary: 'Point an alias at a version (moves it atomically)',
        params: AliasParams,
        body: Type.Object(
          { version: Type.Integer({ minimum: 1 }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ model_version: WireModelVersion }), ...errors },
      },
    },
    async (request) => {
      await as(request).setAlias(request.params.name, request.params.alias, request.body.version);
      return {
        model_version: toWireVersion(
          await registry.versions.get(request.params.name, request.body.version),
        ),
      };
    },
  );

  app.get(
    '/api/v1/models/:name/aliases/:alias',
    {
      schema: {
        tags,
        summary: 'The version an alias points to',
        params: AliasParams,
        response: { 200: Type.Object({ model_version: WireModelVersion }), ...errors },
      },
    },
    async (request) => ({
      model_version: toWireVersion(
        await registry.versions.resolve(`models:/${request.params.name}@${request.params.alias}`),
      ),
    }),
  );

  app.delete(
    '/api/v1/models/:name/aliases/:alias',
    { schema: { tags, summary: 'Delete an alias', params: AliasParams, response: NoContent } },
    async (request, reply) => {
      await as(request).deleteAlias(request.params.name, request.params.alias);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/models/:name/history',
    {
      schema: {
        tags,
        summary: 'Audit trail: every change to the model, newest first',
        params: Name,
        querystring: Type.Object({
          max_results: Type.Optional(Type.Integer({ minimum: 1 })),
          page_token: Type.Optional(Type.String()),
        }),
        response: {
          200: Type.Object({ entries: Type.Array(WireAuditEntry), next_page_token: NextPageToken }),
          ...errors,
        },
      },
    },
    async (request) => {
      const page = await registry.models.history(request.params.name, {
        maxResults: request.query.max_results,
        pageToken: request.query.page_token,
      });
      return { entries: page.items.map(toWireAudit), next_page_token: page.nextPageToken };
    },
  );
}
