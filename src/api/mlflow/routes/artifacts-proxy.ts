import { extname } from 'node:path';
import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GyreError, invalidParameter, notFound } from '../../../core/errors/index.js';
import type { RegistryService } from '../../../registry/index.js';
import type { TrackingService } from '../../../tracking/index.js';
import { rawBodyScope } from '../../raw-body-scope.js';
import type { TypedApp } from '../../typed-app.js';
import { fileInfoJson } from '../mlflow-json.js';

const prefixes = [
  '/api/2.0/mlflow-artifacts/artifacts',
  '/ajax-api/2.0/mlflow-artifacts/artifacts',
] as const;

const mpuPrefixes = [
  '/api/2.0/mlflow-artifacts/mpu',
  '/ajax-api/2.0/mlflow-artifacts/mpu',
] as const;

/** `_UnsupportedMultipartUploadException.MESSAGE`, which the client matches as a prefix. */
const MULTIPART_UNSUPPORTED =
  'Multipart upload is not supported for the current artifact repository';

/** What a proxied artifact path names: a run's artifact (`<exp>/<run>/artifacts/<path>`) or a model version's file. */
type Target =
  | { kind: 'run'; runId: string; path: string }
  | { kind: 'version'; name: string; version: number; file: string };

const mimeTypes: Record<string, string> = {
  '.txt': 'text/plain',
  '.json': 'application/json',
  '.yaml': 'application/x-yaml',
  '.yml': 'application/x-yaml',
  '.html': 'text/html',
  '.csv': 'text/csv',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
};

/**
 * MLflow's artifact proxy (`mlflow server --serve-artifacts`): clients whose run artifact_uri is
 * `mlflow-artifacts:/<exp>/<run>/artifacts` upload, list and download through these routes, which
 * map onto Gyre's run artifact trees; `gyre-models/<name>/<version>` serves registered files.
 */
export async function mlflowArtifactProxyRoutes(
  app: TypedApp,
  tracking: TrackingService,
  registry: RegistryService,
): Promise<void> {
  const resolve = async (raw: string, forWriting: boolean): Promise<Target> => {
    const parts = raw.split('/').filter((p) => p !== '');
    if (parts[0] === 'gyre-models' && !forWriting && parts.length >= 3 && /^\d+$/.test(parts[2]!)) {
      return {
        kind: 'version',
        name: decodeURIComponent(parts[1]!),
        version: Number(parts[2]),
        file: parts.slice(3).join('/'),
      };
    }
    if (parts.length >= 3 && /^[0-9a-f]{32}$/.test(parts[1]!) && parts[2] === 'artifacts') {
      const run = await tracking.runs.get(parts[1]!);
      if (run.info.experimentId !== parts[0])
        throw notFound(`run ${parts[1]} is not in experiment ${parts[0]}`);
      return { kind: 'run', runId: parts[1]!, path: parts.slice(3).join('/') };
    }
    throw (forWriting ? invalidParameter : notFound)(
      `'${raw}' is not an artifact path Gyre serves: use <experiment_id>/<run_id>/artifacts/<path> (a run's artifact_uri)`,
    );
  };

  for (const prefix of prefixes) {
    app.get(prefix, { schema: { hide: true } }, async (request) => {
      const path = (request.query as { path?: string }).path ?? '';
      // A path that names nothing Gyre serves lists as empty, as a missing directory does in MLflow.
      const target = await resolve(path, false).catch(() => undefined);
      const files = target ? await list(target) : [];
      return files.length > 0 ? { files } : {};
    });
    app.get(`${prefix}/*`, { schema: { hide: true } }, async (request, reply) =>
      download(reply, await resolve(wildcard(request), false)),
    );
  }

  // MLflow's HttpArtifactRepository tries these first for large files when
  // MLFLOW_ENABLE_PROXY_MULTIPART_UPLOAD is set, and falls back to one PUT only when the error
  // message starts with MLflow's own sentence. (MLflow answers 501 NOT_IMPLEMENTED, a code Gyre's
  // catalog does not have; the client looks only at the message.)
  for (const prefix of mpuPrefixes)
    for (const action of ['create', 'complete', 'abort'])
      for (const url of [`${prefix}/${action}`, `${prefix}/${action}/*`])
        app.post(url, { schema: { hide: true } }, () => {
          throw new GyreError(
            'ENDPOINT_NOT_FOUND',
            `${MULTIPART_UNSUPPORTED}; Gyre takes each artifact as one PUT to /api/2.0/mlflow-artifacts/artifacts/<path>`,
          );
        });

  await rawBodyScope(app, (scope) => {
    for (const prefix of prefixes) {
      scope.put(`${prefix}/*`, { schema: { hide: true } }, async (request) => {
        const target = await resolve(wildcard(request), true);
        if (target.kind !== 'run' || target.path === '')
          throw invalidParameter(
            'an upload must name a file under <experiment_id>/<run_id>/artifacts/',
          );
        await tracking.artifacts.upload(
          target.runId,
          target.path,
          (request.body as Readable | undefined) ?? request.raw,
        );
        return {};
      });
    }
  });

  /** Immediate children as basenames; a file path or a missing directory lists nothing (MLflow 2.x). */
  async function list(target: Target) {
    if (target.kind === 'version') {
      const version = await registry.versions.get(target.name, target.version);
      // Only bytes that passed the ONNX checks are a model.onnx; a manifest or nothing is no file.
      const isOnnxFile = version.onnx !== null;
      return target.file === '' && isOnnxFile
        ? [fileInfoJson('model.onnx', false, version.size)]
        : [];
    }
    const children = await tracking.artifacts.list(target.runId, target.path).catch(() => []);
    if (children.length === 1 && !children[0]!.isDir && children[0]!.path === target.path)
      return [];
    return children.map((child) =>
      fileInfoJson(child.path.slice(child.path.lastIndexOf('/') + 1), child.isDir, child.size),
    );
  }

  async function download(reply: FastifyReply, target: Target) {
    if (target.kind === 'version') {
      const version = await registry.versions.get(target.name, target.version);
      if (version.onnx === null)
        throw notFound(
          `model version ${target.name}/${target.version} has no ONNX file Gyre can serve (${version.statusMessage})`,
        );
      if (target.file !== 'model.onnx')
        throw notFound(`model version ${target.name}/${target.version} has one file, model.onnx`);
      const { bytes } = await registry.versions.read(`models:/${target.name}/${target.version}`);
      return reply
        .header('content-type', 'application/octet-stream')
        .header('content-disposition', 'attachment; filename=model.onnx')
        .send(bytes);
    }
    const { entry, content } = await tracking.artifacts.open(target.runId, target.path);
    const name = entry.path.slice(entry.path.lastIndexOf('/') + 1);
    return reply
      .header('content-length', entry.size)
      .header('content-type', mimeTypes[extname(name).toLowerCase()] ?? 'application/octet-stream')
      .header('content-disposition', `attachment; filename=${name}`)
      .header('x-content-type-options', 'nosniff')
      .send(content);
  }
}

function wildcard(request: FastifyRequest): string {
  return (request.params as { '*': string })['*'];
}
