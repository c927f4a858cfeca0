import type { Readable } from 'node:stream';
import { Type } from 'typebox';
import type { TrackingService } from '../../tracking/index.js';
import { rawBodyScope } from '../raw-body-scope.js';
import type { TypedApp } from '../typed-app.js';
import { toWireArtifactEntry, toWireListing } from '../wire/convert.js';
import { ErrorBody, WireArtifactEntry, WireArtifactListing } from '../wire/schemas.js';

const tags = ['artifacts'];
const errors = { 400: ErrorBody, 404: ErrorBody, 500: ErrorBody };
const FileParams = Type.Object({
  run_id: Type.String(),
  '*': Type.String({ description: 'artifact path, e.g. model/model.onnx' }),
});

export async function artifactRoutes(app: TypedApp, tracking: TrackingService): Promise<void> {
  app.get(
    '/api/v1/runs/:run_id/artifacts',
    {
      schema: {
        tags,
        summary: "List a directory of the run's artifacts",
        params: Type.Object({ run_id: Type.String() }),
        querystring: Type.Object({
          path: Type.Optional(Type.String({ description: "directory; default '' (the root)" })),
          recursive: Type.Optional(
            Type.Boolean({ description: 'every file below instead of the immediate children' }),
          ),
        }),
        response: {
          200: Type.Object({ root: Type.String(), files: Type.Array(WireArtifactListing) }),
          ...errors,
        },
      },
    },
    async (request) => {
      const { run_id: runId } = request.params;
      const path = request.query.path ?? '';
      if (request.query.recursive) {
        const files = await tracking.artifacts.listFiles(runId, path);
        return {
          root: path,
          files: files.map((f) =>
            toWireListing({
              path: f.path,
              isDir: false,
              size: f.size,
              digest: f.digest,
              createdTime: f.createdTime,
            }),
          ),
        };
      }
      return { root: path, files: (await tracking.artifacts.list(runId, path)).map(toWireListing) };
    },
  );

  app.get(
    '/api/v1/runs/:run_id/artifacts/content/*',
    {
      schema: {
        tags,
        summary: 'Download one artifact file',
        description:
          'The blob is verified against its sha256 before the first byte is sent; a corrupt blob is a 500 INTEGRITY_ERROR.',
        params: FileParams,
      },
    },
    async (request, reply) => {
      const { entry, content } = await tracking.artifacts.open(
        request.params.run_id,
        request.params['*'],
      );
      return reply
        .header('content-type', 'application/octet-stream')
        .header('content-length', entry.size)
        .header('etag', `"sha256:${entry.digest}"`)
        .header('x-gyre-digest', `sha256:${entry.digest}`)
        .header('x-gyre-created-time', String(entry.createdTime))
        .send(content);
    },
  );

  app.get(
    '/api/v1/runs/:run_id/artifacts/archive',
    {
      schema: {
        tags,
        summary: 'Download a directory as a tar archive',
        params: Type.Object({ run_id: Type.String() }),
        querystring: Type.Object({ path: Type.Optional(Type.String()) }),
      },
    },
    async (request, reply) => {
      const path = request.query.path ?? '';
      const { content } = await tracking.artifacts.archive(request.params.run_id, path);
      const name = (path.split('/').filter(Boolean).at(-1) ?? request.params.run_id).replace(
        /[^\w.-]/g,
        '_',
      );
      return reply
        .header('content-type', 'application/x-tar')
        .header('content-disposition', `attachment; filename="${name}.tar"`)
        .send(content);
    },
  );

  // Uploads are streamed straight to the blob store whatever their content type.
  await rawBodyScope(app, (scope) => {
    scope.put(
      '/api/v1/runs/:run_id/artifacts/content/*',
      {
        schema: {
          tags,
          summary: 'Upload one artifact file (raw request body, streamed)',
          params: FileParams,
          response: { 201: Type.Object({ artifact: WireArtifactEntry }), ...errors },
        },
      },
      async (request, reply) => {
        const body = (request.body as Readable | undefined) ?? request.raw;
        const entry = await tracking.artifacts.upload(
          request.params.run_id,
          request.params['*'],
          body,
        );
        return reply.status(201).send({ artifact: toWireArtifactEntry(entry) });
      },
    );
  });
}
