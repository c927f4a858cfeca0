import { Type } from 'typebox';
import { invalidParameter } from '../../core/errors/index.js';
import type { DatasetService } from '../../data/datasets/index.js';
import { tabularFormats, type TabularFormat } from '../../data/tabular/index.js';
import type { TypedApp } from '../typed-app.js';
import { toWireDatasetSummary, toWireDatasetVersion } from '../wire/dataset-convert.js';
import {
  WireDatasetSummary,
  WireDatasetVersion,
  WireDatasetVersionList,
} from '../wire/dataset-schemas.js';
import { ErrorBody, NextPageToken } from '../wire/schemas.js';

const tags = ['datasets'];
const errors = { 400: ErrorBody, 404: ErrorBody };
const NameParams = Type.Object({ name: Type.String() });
const VersionParams = Type.Object({
  name: Type.String(),
  version: Type.String({ description: "a version number, or 'latest'" }),
});
const AliasParams = Type.Object({ name: Type.String(), alias: Type.String() });
const VersionReply = Type.Object({ dataset_version: WireDatasetVersion });
const pageQuery = Type.Object({
  max_results: Type.Optional(Type.Integer({ minimum: 1 })),
  page_token: Type.Optional(Type.String()),
});

function tabularFormat(format: string | undefined): TabularFormat | undefined {
  if (format === undefined || (tabularFormats as readonly string[]).includes(format))
    return format as TabularFormat | undefined;
  throw invalidParameter(`format must be one of ${tabularFormats.join(', ')}, got '${format}'`);
}

/** The `datasets:/…` URI a `{name}/{version}` path names (`latest` allowed). */
export function versionUri(params: { name: string; version: string }): string {
  return `datasets:/${params.name}/${params.version}`;
}

/** Reading datasets, their versions, profiles and lineage; moving aliases. */
export function datasetRoutes(app: TypedApp, datasets: DatasetService): void {
  app.get(
    '/api/v1/datasets',
    {
      schema: {
        tags,
        summary: 'List datasets by name, with their latest version and aliases',
        querystring: pageQuery,
        response: {
          200: Type.Object({
            datasets: Type.Array(WireDatasetSummary),
            next_page_token: NextPageToken,
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const page = await datasets.list({
        maxResults: request.query.max_results,
        pageToken: request.query.page_token,
      });
      return {
        datasets: page.items.map(toWireDatasetSummary),
        next_page_token: page.nextPageToken,
      };
    },
  );

  app.get(
    '/api/v1/datasets/:name/versions',
    {
      schema: {
        tags,
        summary: 'List the versions of a dataset, newest first',
        params: NameParams,
        querystring: pageQuery,
        response: { 200: WireDatasetVersionList, ...errors },
      },
    },
    async (request) => {
      const page = await datasets.versions(request.params.name, {
        maxResults: request.query.max_results,
        pageToken: request.query.page_token,
      });
      return {
        dataset_versions: page.items.map(toWireDatasetVersion),
        next_page_token: page.nextPageToken,
      };
    },
  );

  app.get(
    '/api/v1/datasets/resolve',
    {
      schema: {
        tags,
        summary: 'The version a dataset URI names (datasets:/NAME/3, datasets:/NAME@alias, NAME@3)',
        querystring: Type.Object({ uri: Type.String() }),
        response: { 200: VersionReply, ...errors },
      },
    },
    async (request) => ({
      dataset_version: toWireDatasetVersion(await datasets.resolve(request.query.uri)),
    }),
  );

  app.get(
    '/api/v1/datasets/:name/versions/:version',
    {
      schema: {
        tags,
        summary: 'One dataset version (schema, spec, tags, aliases; not the profile)',
        params: VersionParams,
        response: { 200: VersionReply, ...errors },
      },
    },
    async (request) => ({
      dataset_version: toWireDatasetVersion(await datasets.resolve(versionUri(request.params))),
    }),
  );

  app.get(
    '/api/v1/datasets/:name/versions/:version/profile',
    {
      schema: {
        tags,
        summary:
          "The version's profile: per-column statistics, histograms, category counts, samples",
        description:
          'The reference sketch drift checks compare against (docs/dataset-profiles.md).',
        params: VersionParams,
        response: { 200: Type.Object({ uri: Type.String(), profile: Type.Unknown() }), ...errors },
      },
    },
    async (request) => {
      const { version, profile } = await datasets.profile(versionUri(request.params));
      return { uri: version.uri, profile };
    },
  );

  app.get(
    '/api/v1/datasets/:name/versions/:version/lineage',
    {
      schema: {
        tags,
        summary: 'Runs that used the version as an input, and model versions registered from them',
        params: VersionParams,
        response: {
          200: Type.Object({
            uri: Type.String(),
            runs: Type.Array(
              Type.Object({
                run_id: Type.String(),
                experiment_id: Type.String(),
                run_name: Type.String(),
                status: Type.String(),
                start_time: Type.Integer(),
              }),
            ),
            model_versions: Type.Array(
              Type.Object({
                name: Type.String(),
                version: Type.Integer(),
                run_id: Type.Union([Type.String(), Type.Null()]),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const lineage = await datasets.lineage(versionUri(request.params));
      return {
        uri: lineage.version.uri,
        runs: lineage.runs.map((r) => ({
          run_id: r.runId,
          experiment_id: r.experimentId,
          run_name: r.runName,
          status: r.status,
          start_time: r.startTime,
        })),
        model_versions: lineage.modelVersions.map((v) => ({
          name: v.name,
          version: v.version,
          run_id: v.runId,
        })),
      };
    },
  );

  app.get(
    '/api/v1/datasets/:name/versions/:version/content',
    {
      schema: {
        tags,
        summary: "Download the version's file (verified against its sha256 on the way out)",
        params: VersionParams,
      },
    },
    async (request, reply) => {
      const { version, content } = await datasets.open(versionUri(request.params));
      return reply
        .header('content-type', 'application/octet-stream')
        .header('content-length', version.size)
        .header(
          'content-disposition',
          `attachment; filename="${version.source.replace(/[^\w.-]/g, '_')}"`,
        )
        .header('x-gyre-digest', `sha256:${version.digest}`)
        .send(content);
    },
  );

  app.get(
    '/api/v1/datasets/diff',
    {
      schema: {
        tags,
        summary:
          'Compare two versions: schema changes, row counts, statistics, a drift score per column',
        description: 'Computed from the stored profiles; neither file is read.',
        querystring: Type.Object({
          a: Type.String({ description: 'datasets:/NAME/1, NAME@1 or NAME@alias' }),
          b: Type.String(),
        }),
        response: { 200: Type.Unknown(), ...errors },
      },
    },
    async (request) => datasets.diff(request.query.a, request.query.b),
  );

  app.post(
    '/api/v1/datasets/:name/versions/:version/validate',
    {
      schema: {
        tags,
        summary: "Check uploaded bytes against a version's schema and expectations",
        description:
          'Upload the file with PUT /api/v1/dataset-uploads first. Answers the report (docs/dataset-validation.md); `valid: false` is still a 200.',
        params: VersionParams,
        body: Type.Object(
          {
            digest: Type.String(),
            source: Type.Optional(Type.String({ description: 'the file name, for messages' })),
            format: Type.Optional(Type.String()),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Unknown(), ...errors },
      },
    },
    async (request) =>
      datasets.validate({ digest: request.body.digest }, versionUri(request.params), {
        source: request.body.source,
        format: tabularFormat(request.body.format),
      }),
  );

  app.put(
    '/api/v1/datasets/:name/aliases/:alias',
    {
      schema: {
        tags,
        summary: 'Point an alias at a version (moving it if it pointed elsewhere)',
        params: AliasParams,
        body: Type.Object(
          { version: Type.Integer({ minimum: 1 }) },
          { additionalProperties: false },
        ),
        response: { 200: VersionReply, ...errors },
      },
    },
    async (request) => {
      const { name, alias } = request.params;
      const version = await datasets.setAlias(`datasets:/${name}/${request.body.version}`, alias);
      return { dataset_version: toWireDatasetVersion(version) };
    },
  );

  app.delete(
    '/api/v1/datasets/:name/aliases/:alias',
    {
      schema: {
        tags,
        summary: 'Remove an alias',
        params: AliasParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await datasets.deleteAlias(request.params.name, request.params.alias);
      return reply.status(204).send(null);
    },
  );
}
