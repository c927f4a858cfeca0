import type { Readable } from 'node:stream';
import { Type } from 'typebox';
import type { RegistryService } from '../../registry/index.js';
import { quoteFilterString } from '../../store/index.js';
import { actorOf } from '../actor.js';
import { rawBodyScope } from '../raw-body-scope.js';
import type { TypedApp } from '../typed-app.js';
import { toWireVersion } from '../wire/registry-convert.js';
import { WireFeatureSpec, WireModelVersion } from '../wire/registry-schemas.js';
import { ErrorBody, NextPageToken, StringMap, ViewSchema } from '../wire/schemas.js';

const tags = ['registry'];
const errors = { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const VersionReply = Type.Object({ model_version: WireModelVersion });
const VersionParams = Type.Object({
  name: Type.String(),
  version: Type.String({ description: "a version number, or 'latest'" }),
});
const NoContent = { 204: Type.Null(), ...errors };
const SearchReply = Type.Object({
  model_versions: Type.Array(WireModelVersion),
  next_page_token: NextPageToken,
});
const searchQuery = {
  view: Type.Optional(ViewSchema),
  order_by: Type.Optional(Type.Array(Type.String())),
  max_results: Type.Optional(Type.Integer({ minimum: 1 })),
  page_token: Type.Optional(Type.String()),
};

export async function modelVersionRoutes(app: TypedApp, registry: RegistryService): Promise<void> {
  const as = (request: Parameters<typeof actorOf>[0]) => registry.as(actorOf(request)).versions;
  /** `latest` or a number; deleted versions never resolve. */
  const find = (name: string, version: string) => registry.versions.get(name, version);
  /** The number a `{version}` path parameter stands for (`latest` resolved now). */
  const number = async (name: string, version: string) => (await find(name, version)).version;

  app.post(
    '/api/v1/models/:name/versions',
    {
      schema: {
        tags,
        summary: 'Register a version from a run artifact or another version',
        description:
          'The file is checked twice (it parses as ONNX; onnxruntime can load it) and its signature stored; an invalid file is a 400 and no version. The model is created if it does not exist.',
        params: Type.Object({ name: Type.String() }),
        body: Type.Object(
          {
            source: Type.String({
              description: 'runs:/<run_id>/<path> or models:/<name>/<version>',
            }),
            run_id: Type.Optional(Type.String()),
            description: Type.Optional(Type.String()),
            tags: Type.Optional(StringMap),
            aliases: Type.Optional(Type.Array(Type.String())),
            feature_schema: Type.Optional(Type.Array(WireFeatureSpec)),
            class_labels: Type.Optional(Type.Array(Type.String())),
          },
          { additionalProperties: false },
        ),
        response: { 201: VersionReply, ...errors },
      },
    },
    async (request, reply) => {
      const b = request.body;
      if (!/^(runs|models):\//.test(b.source)) {
        return reply.status(400).send({
          error_code: 'INVALID_PARAMETER_VALUE',
          message: `source must be runs:/… or models:/… (a local path means nothing to the server); upload a file with POST /api/v1/models/${request.params.name}/versions/upload`,
        });
      }
      const version = await as(request).register({
        name: request.params.name,
        source: { uri: b.source },
        runId: b.run_id,
        description: b.description,
        tags: b.tags,
        aliases: b.aliases,
        featureSchema: b.feature_schema,
        classLabels: b.class_labels,
      });
      return reply.status(201).send({ model_version: toWireVersion(version) });
    },
  );

  await rawBodyScope(app, (scope) => {
    scope.post(
      '/api/v1/models/:name/versions/upload',
      {
        schema: {
          tags,
          summary: 'Register a version from an ONNX file in the request body (streamed)',
          params: Type.Object({ name: Type.String() }),
          querystring: Type.Object({
            file_name: Type.Optional(Type.String()),
            run_id: Type.Optional(Type.String()),
            description: Type.Optional(Type.String()),
            alias: Type.Optional(Type.Array(Type.String(), { description: 'repeatable' })),
          }),
          response: { 201: VersionReply, ...errors },
        },
      },
      async (request, reply) => {
        const q = request.query;
        const version = await as(request).register({
          name: request.params.name,
          source: {
            upload: (request.body as Readable | undefined) ?? request.raw,
            fileName: q.file_name,
          },
          runId: q.run_id,
          description: q.description,
          aliases: q.alias,
        });
        return reply.status(201).send({ model_version: toWireVersion(version) });
      },
    );
  });

  app.get(
    '/api/v1/models/:name/versions',
    {
      schema: {
        tags,
        summary: "A model's versions, newest first",
        params: Type.Object({ name: Type.String() }),
        querystring: Type.Object(searchQuery),
        response: { 200: SearchReply, ...errors },
      },
    },
    async (request) => {
      await registry.models.get(request.params.name);
      const q = request.query;
      const filter = `name = ${quoteFilterString(request.params.name)}`;
      const page = await registry.versions.search({
        filter,
        view: q.view,
        orderBy: q.order_by,
        maxResults: q.max_results,
        pageToken: q.page_token,
      });
      return { model_versions: page.items.map(toWireVersion), next_page_token: page.nextPageToken };
    },
  );

  app.get(
    '/api/v1/model-versions',
    {
      schema: {
        tags,
        summary: 'Search versions across models',
        querystring: Type.Object({
          filter: Type.Optional(
            Type.String({ description: "e.g. run_id = '…' or tags.validated = 'yes'" }),
          ),
          ...searchQuery,
        }),
        response: { 200: SearchReply, ...errors },
      },
    },
    async (request) => {
      const q = request.query;
      const page = await registry.versions.search({
        filter: q.filter,
        view: q.view,
        orderBy: q.order_by,
        maxResults: q.max_results,
        pageToken: q.page_token,
      });
      return { model_versions: page.items.map(toWireVersion), next_page_token: page.nextPageToken };
    },
  );

  app.get(
    '/api/v1/models/:name/versions/:version',
    {
      schema: {
        tags,
        summary: 'Get a version (signature, feature schema, ONNX details)',
        params: VersionParams,
        response: { 200: VersionReply, ...errors },
      },
    },
    async (request) => ({
      model_version: toWireVersion(await find(request.params.name, request.params.version)),
    }),
  );

  app.patch(
    '/api/v1/models/:name/versions/:version',
    {
      schema: {
        tags,
        summary: "Update a version's description",
        params: VersionParams,
        body: Type.Object(
          { description: Type.Optional(Type.String()) },
          { additionalProperties: false },
        ),
        response: { 200: VersionReply, ...errors },
      },
    },
    async (request) => ({
      model_version: toWireVersion(
        await as(request).update(
          request.params.name,
          await number(request.params.name, request.params.version),
          request.body,
        ),
      ),
    }),
  );

  app.delete(
    '/api/v1/models/:name/versions/:version',
    {
      schema: {
        tags,
        summary: 'Soft-delete a version',
        description:
          'A version that aliases point to needs force=true, which removes those aliases; without it the 409 names them.',
        params: VersionParams,
        querystring: Type.Object({ force: Type.Optional(Type.Boolean()) }),
        response: {
          200: Type.Object({ deleted: Type.Object({ aliases: Type.Array(Type.String()) }) }),
          ...errors,
        },
      },
    },
    async (request) => ({
      deleted: await as(request).delete(
        request.params.name,
        await number(request.params.name, request.params.version),
        {
          force: request.query.force,
        },
      ),
    }),
  );

  app.put(
    '/api/v1/models/:name/versions/:version/tags',
    {
      schema: {
        tags,
        summary: 'Set a version tag',
        params: VersionParams,
        body: Type.Object(
          { key: Type.String(), value: Type.String() },
          { additionalProperties: false },
        ),
        response: NoContent,
      },
    },
    async (request, reply) => {
      await as(request).setTag(
        request.params.name,
        await number(request.params.name, request.params.version),
        request.body.key,
        request.body.value,
      );
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/api/v1/models/:name/versions/:version/tags',
    {
      schema: {
        tags,
        summary: 'Delete a version tag',
        params: VersionParams,
        querystring: Type.Object({ key: Type.String() }),
        response: NoContent,
      },
    },
    async (request, reply) => {
      await as(request).deleteTag(
        request.params.name,
        await number(request.params.name, request.params.version),
        request.query.key,
      );
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/models/:name/versions/:version/stage',
    {
      schema: {
        tags,
        summary: 'Move a version to a stage (None, Staging, Production, Archived)',
        description: 'Stages are kept for MLflow compatibility; aliases are the primary mechanism.',
        params: VersionParams,
        body: Type.Object(
          { stage: Type.String(), archive_existing_versions: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
        response: { 200: VersionReply, ...errors },
      },
    },
    async (request) => {
      const { stage, archive_existing_versions: archive } = request.body;
      return {
        model_version: toWireVersion(
          await as(request).transitionStage(
            request.params.name,
            await number(request.params.name, request.params.version),
            stage,
            {
              archiveExistingVersions: archive,
            },
          ),
        ),
      };
    },
  );

  app.get(
    '/api/v1/models/:name/versions/:version/content',
    {
      schema: {
        tags,
        summary: 'Download the ONNX file (verified against its sha256)',
        params: VersionParams,
      },
    },
    async (request, reply) => {
      const version = await find(request.params.name, request.params.version);
      const { bytes } = await registry.versions.read(version.uri);
      return reply
        .header('content-type', 'application/octet-stream')
        .header(
          'content-disposition',
          `attachment; filename="${version.name.replace(/[^\w.-]/g, '_')}-${version.version}.onnx"`,
        )
        .header('etag', `"sha256:${version.digest}"`)
        .send(bytes);
    },
  );
}
