import type { Readable } from 'node:stream';
import { Type } from 'typebox';
import type { DatasetService } from '../../data/datasets/index.js';
import { tabularFormats } from '../../data/tabular/index.js';
import { actorOf } from '../actor.js';
import { rawBodyScope } from '../raw-body-scope.js';
import type { TypedApp } from '../typed-app.js';
import { toWireDatasetVersion } from '../wire/dataset-convert.js';
import { WireDatasetRef, WireDatasetVersion } from '../wire/dataset-schemas.js';
import { ErrorBody, StringMap } from '../wire/schemas.js';

const tags = ['datasets'];
const errors = { 400: ErrorBody, 404: ErrorBody };
const Upload = Type.Object({
  digest: Type.String(),
  size: Type.Integer(),
  created: Type.Boolean(),
});
const AddReply = Type.Object({
  dataset_version: WireDatasetVersion,
  created: Type.Boolean({ description: 'false: the dataset already had these bytes and spec' }),
  same_content: Type.Array(WireDatasetRef, {
    description: 'earlier versions (of any dataset) with the same bytes',
  }),
});

/** Adding dataset versions: upload the bytes once (content-addressed), then describe the version. */
export async function datasetUploadRoutes(app: TypedApp, datasets: DatasetService): Promise<void> {
  await rawBodyScope(app, (scope) => {
    scope.put(
      '/api/v1/dataset-uploads',
      {
        schema: {
          tags,
          summary: "Upload a file's bytes (raw body, streamed); answers their sha256",
          description:
            'Identical bytes are stored once (`created: false`). Then POST /api/v1/datasets/{name}/versions with the digest.',
          response: { 201: Upload, 200: Upload, ...errors },
        },
      },
      async (request, reply) => {
        const stored = await datasets.upload((request.body as Readable | undefined) ?? request.raw);
        return reply.status(stored.created ? 201 : 200).send(stored);
      },
    );
  });

  app.get(
    '/api/v1/dataset-uploads/:digest',
    {
      schema: {
        tags,
        summary: 'Whether bytes with this sha256 are stored (skip the upload when they are)',
        params: Type.Object({ digest: Type.String() }),
        response: {
          200: Type.Object({ digest: Type.String(), present: Type.Boolean() }),
          ...errors,
        },
      },
    },
    async (request) => ({
      digest: request.params.digest,
      present: await datasets.hasUpload(request.params.digest),
    }),
  );

  app.post(
    '/api/v1/datasets/:name/versions',
    {
      schema: {
        tags,
        summary: 'Add uploaded bytes as the next version of a dataset (profiled, validated)',
        description:
          'The file is read, its types inferred (or pinned by `spec`), profiled and checked against the spec before the version exists; a bad file is a 400 naming the row and column, and no version. The dataset is created with its first version.',
        params: Type.Object({ name: Type.String() }),
        body: Type.Object(
          {
            digest: Type.String({ description: 'sha256 from PUT /api/v1/dataset-uploads' }),
            source: Type.String({ description: 'the file name, e.g. flights.parquet' }),
            format: Type.Optional(Type.Union(tabularFormats.map((f) => Type.Literal(f)))),
            description: Type.Optional(Type.String()),
            tags: Type.Optional(StringMap),
            spec: Type.Optional(Type.Unknown({ description: 'docs/dataset-validation.md' })),
          },
          { additionalProperties: false },
        ),
        response: { 201: AddReply, 200: AddReply, ...errors },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const added = await datasets.add({
        name: request.params.name,
        digest: b.digest,
        source: b.source,
        format: b.format,
        description: b.description,
        tags: b.tags,
        spec: b.spec,
        userId: actorOf(request),
      });
      return reply.status(added.created ? 201 : 200).send({
        dataset_version: toWireDatasetVersion(added.version),
        created: added.created,
        same_content: added.sameContent,
      });
    },
  );
}
