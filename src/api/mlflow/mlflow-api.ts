import type { IncomingMessage } from 'node:http';
import type { Gyre } from '../../app/index.js';
import { GyreError, invalidParameter } from '../../core/errors/index.js';
import type { TypedApp } from '../typed-app.js';
import { parseMlflowBody } from './lenient-json.js';
import { mlflowArtifactProxyRoutes } from './routes/artifacts-proxy.js';
import { mlflowExperimentRoutes } from './routes/experiments.js';
import { mlflowModelVersionRoutes } from './routes/model-versions.js';
import { mlflowRegisteredModelRoutes } from './routes/registered-models.js';
import { mlflowRunLoggingRoutes } from './routes/run-logging.js';
import { mlflowRunRoutes } from './routes/runs.js';
import { hasQueryString } from './rpc.js';

/** The MLflow version whose REST API this adapter speaks; `GET /version` reports it to MLflow clients. */
export const MLFLOW_API_VERSION = '2.9.2';

/**
 * MLflow's REST API 2.0 (tracking, model registry, artifact proxy) as a thin adapter over Gyre's
 * own services: `mlflow.set_tracking_uri("http://gyre:5000")` is all an MLflow script needs.
 */
export async function registerMlflowApi(app: TypedApp, gyre: Gyre): Promise<void> {
  await app.register(async (scope: TypedApp) => {
    // MLflow 2.9 refuses a POST that does not say application/json: a page on another site can
    // then not drive the API with a plain form post (no CORS preflight). PATCH and DELETE
    // bodies are read as JSON whatever their type, as MLflow reads them.
    scope.addHook('onRequest', (request, _reply, done) => {
      done(
        request.method === 'POST' ? contentTypeError(request.headers['content-type']) : undefined,
      );
    });
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: gyre.config.jsonBodyLimit },
      (_request, body: Buffer, done) => {
        try {
          done(null, parseMlflowBody(body));
        } catch (error) {
          done(error as GyreError, undefined);
        }
      },
    );
    // Fastify never reads a GET body; MLflow takes a GET's fields from its JSON body when the
    // query string is empty.
    scope.addHook('preHandler', async (request) => {
      if (request.method === 'GET' && !hasQueryString(request.url) && hasBody(request.raw))
        request.body = parseMlflowBody(await readBody(request.raw, gyre.config.jsonBodyLimit));
    });
    mlflowExperimentRoutes(scope, gyre.tracking);
    mlflowRunRoutes(scope, gyre.tracking);
    mlflowRunLoggingRoutes(scope, gyre.tracking);
    mlflowRegisteredModelRoutes(scope, gyre.registry);
    mlflowModelVersionRoutes(scope, gyre.registry, gyre.tracking);
    return Promise.resolve();
  });
  await mlflowArtifactProxyRoutes(app, gyre.tracking, gyre.registry);
  app.get('/health', { schema: { hide: true } }, (_request, reply) =>
    reply.type('text/plain; charset=utf-8').send('OK'),
  );
  app.get('/version', { schema: { hide: true } }, (_request, reply) =>
    reply.type('text/plain; charset=utf-8').send(MLFLOW_API_VERSION),
  );
}

function contentTypeError(header: string | undefined): GyreError | undefined {
  if (header === undefined) return invalidParameter('Bad Request. Content-Type header is missing.');
  if (header.split(';')[0]!.trim().toLowerCase() !== 'application/json')
    return invalidParameter("Bad Request. Content-Type must be one of ['application/json'].");
  return undefined;
}

function hasBody(raw: IncomingMessage): boolean {
  const length = raw.headers['content-length'];
  return (length !== undefined && length !== '0') || raw.headers['transfer-encoding'] !== undefined;
}

async function readBody(raw: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of raw as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit)
      throw new GyreError(
        'PAYLOAD_TOO_LARGE',
        `request body is larger than ${limit} bytes (json_body_limit)`,
      );
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
