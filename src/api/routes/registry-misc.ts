import { Type } from 'typebox';
import type { RegistryService } from '../../registry/index.js';
import type { TypedApp } from '../typed-app.js';
import { toWireRunInfo } from '../wire/convert.js';
import { toWireVersion } from '../wire/registry-convert.js';
import { WireChangeEvent, WireModelVersion, WireRunInput } from '../wire/registry-schemas.js';
import { ErrorBody, StringMap, WireRunInfo } from '../wire/schemas.js';

const tags = ['registry'];
const errors = { 400: ErrorBody, 404: ErrorBody };

/** Resolving model URIs, lineage, and the change feed other processes poll. */
export function registryMiscRoutes(app: TypedApp, registry: RegistryService): void {
  app.get(
    '/api/v1/model-versions/resolve',
    {
      schema: {
        tags,
        summary: 'Resolve a model URI to a version',
        querystring: Type.Object({
          uri: Type.String({
            description:
              'models:/name/3, models:/name@champion, models:/name/latest, models:/name/Production',
          }),
        }),
        response: { 200: Type.Object({ model_version: WireModelVersion }), ...errors },
      },
    },
    async (request) => ({
      model_version: toWireVersion(await registry.versions.resolve(request.query.uri)),
    }),
  );

  app.get(
    '/api/v1/models/:name/versions/:version/lineage',
    {
      schema: {
        tags,
        summary: 'Lineage: version → run → inputs (datasets, models, files)',
        params: Type.Object({ name: Type.String(), version: Type.String() }),
        response: {
          200: Type.Object({
            lineage: Type.Object({
              model_version: Type.Object({
                name: Type.String(),
                version: Type.Integer(),
                uri: Type.String(),
                source: Type.String(),
                digest: Type.String(),
                run_id: Type.Union([Type.String(), Type.Null()]),
                status: Type.String(),
                creation_time: Type.Integer(),
              }),
              run: Type.Union([
                Type.Intersect([WireRunInfo, Type.Object({ params: StringMap })]),
                Type.Null(),
              ]),
              inputs: Type.Array(WireRunInput),
            }),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const lineage = await registry.lineage(request.params.name, request.params.version);
      const v = lineage.modelVersion;
      return {
        lineage: {
          model_version: {
            name: v.name,
            version: v.version,
            uri: v.uri,
            source: v.source,
            digest: v.digest,
            run_id: v.runId,
            status: v.status,
            creation_time: v.creationTime,
          },
          run: lineage.run ? { ...toWireRunInfo(lineage.run), params: lineage.run.params } : null,
          inputs: lineage.inputs,
        },
      };
    },
  );

  app.get(
    '/api/v1/registry/events',
    {
      schema: {
        tags,
        summary: 'Registry changes after a cursor, oldest first (the outbox)',
        description:
          'Poll with after=<id of the last event seen>; ids increase in commit order, so none is skipped.',
        querystring: Type.Object({
          after: Type.Optional(Type.Integer({ minimum: 0, description: 'default 0' })),
          limit: Type.Optional(
            Type.Integer({ minimum: 1, maximum: 10_000, description: 'default 1000' }),
          ),
        }),
        response: {
          200: Type.Object({ events: Type.Array(WireChangeEvent), last_event_id: Type.Integer() }),
          ...errors,
        },
      },
    },
    async (request) => {
      const after = request.query.after ?? 0;
      const events = await registry.events(after, request.query.limit ?? 1000);
      return { events, last_event_id: events.at(-1)?.id ?? after };
    },
  );
}
