import { GyreError, invalidParameter } from '../../../core/errors/index.js';
import type { ModelVersion, RegistryService } from '../../../registry/index.js';
import type { TrackingService } from '../../../tracking/index.js';
import { actorOf } from '../../actor.js';
import type { TypedApp } from '../../typed-app.js';
import { versionJson } from '../mlflow-json.js';
import { versionSourceFromMlflow } from '../mlflow-source.js';
import { rpc } from '../rpc.js';
import { stageOf } from './registered-models.js';

/** MLflow pages model-version searches up to 200,000; Gyre's pages stop at 50,000 and hand out a token. */
const MAX_PAGE = 50_000;

export function mlflowModelVersionRoutes(
  app: TypedApp,
  registry: RegistryService,
  tracking: TrackingService,
): void {
  const versions = (request: Parameters<typeof actorOf>[0]) =>
    registry.as(actorOf(request)).versions;

  // Registered synchronously, so the answer is READY (the client then does not poll). Files that
  // are not a loadable ONNX model are kept, READY but "not servable: …" in status_message.
  rpc(app, 'POST', 'model-versions/create', async (f, request) => {
    const name = f.requiredString('name');
    const source = f.requiredString('source');
    await registry.models.get(name);
    const tags = Object.fromEntries(
      f.objects('tags').map((t) => [t.requiredString('key'), t.string('value') ?? '']),
    );
    const version = await versions(request).register({
      name,
      source: await versionSourceFromMlflow(source, tracking),
      runId: f.string('run_id') || undefined,
      description: f.string('description'),
      tags,
      acceptNonOnnx: true,
      recordSourceAs: source,
    });
    return { model_version: versionJson(version) };
  });

  rpc(app, 'GET', 'model-versions/get', async (f) => ({
    model_version: versionJson(
      await get(registry, f.requiredString('name'), f.requiredString('version')),
    ),
  }));

  rpc(app, 'PATCH', 'model-versions/update', async (f, request) => {
    const name = f.requiredString('name');
    const version = f.requiredString('version');
    const description = f.string('description');
    const updated =
      description === undefined
        ? await get(registry, name, version)
        : await versions(request).update(name, version, { description });
    return { model_version: versionJson(updated) };
  });

  // MLflow removes the aliases of a deleted version; so does `force`.
  rpc(app, 'DELETE', 'model-versions/delete', async (f, request) => {
    await versions(request).delete(f.requiredString('name'), f.requiredString('version'), {
      force: true,
    });
    return {};
  });

  rpc(app, 'GET', 'model-versions/search', async (f) => {
    const maxResults = f.maxResults(10_000, 200_000);
    const page = await registry.versions.search({
      filter: f.string('filter') || undefined,
      orderBy: f.strings('order_by'),
      maxResults: Math.min(maxResults, MAX_PAGE),
      pageToken: f.string('page_token') || undefined,
    });
    return { model_versions: page.items.map(versionJson), next_page_token: page.nextPageToken };
  });

  rpc(app, 'POST', 'model-versions/transition-stage', async (f, request) => {
    const stage = stageOf(f.requiredString('stage'));
    const archive = f.boolean('archive_existing_versions') ?? false;
    if (archive && stage !== 'Staging' && stage !== 'Production') {
      throw invalidParameter(
        `Model version transition cannot archive existing model versions because '${stage}' is not an Active stage. Valid stages are ['Staging', 'Production']`,
      );
    }
    const moved = await versions(request).transitionStage(
      f.requiredString('name'),
      f.requiredString('version'),
      stage,
      { archiveExistingVersions: archive },
    );
    return { model_version: versionJson(moved) };
  });

  rpc(app, 'GET', 'model-versions/get-download-uri', async (f) => {
    const version = await get(registry, f.requiredString('name'), f.requiredString('version'));
    return { artifact_uri: await downloadUri(version, registry, tracking) };
  });

  rpc(app, 'POST', 'model-versions/set-tag', async (f, request) => {
    await versions(request).setTag(
      f.requiredString('name'),
      f.requiredString('version'),
      f.requiredString('key'),
      f.string('value') ?? '',
    );
    return {};
  });

  rpc(app, 'DELETE', 'model-versions/delete-tag', async (f, request) => {
    const name = f.requiredString('name');
    const version = f.requiredString('version');
    const key = f.requiredString('key');
    if ((await get(registry, name, version)).tags[key] !== undefined)
      await versions(request).deleteTag(name, version, key);
    return {};
  });
}

function get(registry: RegistryService, name: string, version: string): Promise<ModelVersion> {
  if (!/^\d+$/.test(version))
    throw invalidParameter(`Model version must be an integer, got '${version}'`);
  return registry.versions.get(name, version);
}

/** `models:/m/latest` as the source of m's own latest version would otherwise loop. */
const MAX_COPY_HOPS = 16;

/**
 * Where an MLflow client downloads the version's files: MLflow answers the version's source, or
 * for a copy (`models:/…` source) what its source version downloads. Gyre maps run URIs into
 * the artifact proxy, and serves files only it holds (uploads, local files) from `gyre-models/`.
 */
export async function downloadUri(
  version: ModelVersion,
  registry: RegistryService,
  tracking: TrackingService,
  hops = 0,
): Promise<string> {
  const { source } = version;
  const run = /^runs:\/([0-9a-f]{32})\/(.+)$/.exec(source);
  if (run) {
    const info = (await tracking.runs.get(run[1]!)).info;
    return `mlflow-artifacts:/${info.experimentId}/${info.runId}/artifacts/${run[2]}`;
  }
  if (source.startsWith('models:/') && hops < MAX_COPY_HOPS) {
    // A deleted source version no longer resolves; the copy's own bytes are then what is left.
    const origin = await registry.versions.resolve(source).catch((error: unknown) => {
      const gone = error instanceof GyreError && error.code === 'RESOURCE_DOES_NOT_EXIST';
      if (gone) return undefined;
      throw error;
    });
    if (origin) return downloadUri(origin, registry, tracking, hops + 1);
  }
  if (version.digest === '') return source;
  const gyreOnly = /^(upload|file|models):/.test(source) || !/^[a-z][a-z0-9+.-]*:/i.test(source);
  return gyreOnly
    ? `mlflow-artifacts:/gyre-models/${encodeURIComponent(version.name)}/${version.version}`
    : source;
}
