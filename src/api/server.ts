import { randomUUID } from 'node:crypto';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { LogController, type FastifyBaseLogger } from 'fastify';
import type { Gyre } from '../app/index.js';
import { registerErrorHandling } from './plugins/error-handler.js';
import { registerMlflowApi } from './mlflow/mlflow-api.js';
import { registerJsonBodyParser } from './plugins/json-body.js';
import { validatorCompiler } from './plugins/validation.js';
import { artifactRoutes } from './routes/artifacts.js';
import { datasetUploadRoutes } from './routes/dataset-uploads.js';
import { datasetRoutes } from './routes/datasets.js';
import { experimentRoutes } from './routes/experiments.js';
import { healthRoutes } from './routes/health.js';
import { modelVersionRoutes } from './routes/model-versions.js';
import { modelRoutes } from './routes/models.js';
import { registryMiscRoutes } from './routes/registry-misc.js';
import { runLoggingRoutes } from './routes/run-logging.js';
import { runRoutes } from './routes/runs.js';
import type { TypedApp } from './typed-app.js';
import { gyreVersion } from '../core/version.js';

/** The HTTP interface over one Gyre; call `listen` on the result, or `inject` in tests. */
export async function buildServer(gyre: Gyre): Promise<TypedApp> {
  const loggerInstance: FastifyBaseLogger = gyre.logger;
  const app = Fastify({
    loggerInstance,
    bodyLimit: gyre.config.jsonBodyLimit,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    return503OnClosing: true,
    // Per-request lines go out at debug level (onResponse below): at info they would cost more
    // than a metric batch insert on the hot logging path.
    logController: new LogController({ disableRequestLogging: true }),
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  registerJsonBodyParser(app, gyre.config.jsonBodyLimit);
  registerErrorHandling(app, gyre.config.jsonBodyLimit);
  // A POST without any body (e.g. `curl -X POST …/runs/search`) reads as an empty JSON object.
  app.addHook('preValidation', (request, _reply, done) => {
    if (request.body === undefined && request.routeOptions.schema?.body) request.body = {};
    done();
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    request.log.debug(
      { method: request.method, url: request.url, status: reply.statusCode, ms: reply.elapsedTime },
      'request',
    );
  });

  await app.register(swagger, {
    transform: nameWildcardParam,
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Gyre API',
        version: gyreVersion,
        description:
          'Experiment tracking, model registry and the rest of the Gyre loop. Errors are `{ error_code, message }` (docs/errors.md).',
      },
    },
  });

  healthRoutes(app);
  experimentRoutes(app, gyre.tracking);
  runRoutes(app, gyre.tracking);
  runLoggingRoutes(app, gyre.tracking);
  await artifactRoutes(app, gyre.tracking);
  modelRoutes(app, gyre.registry);
  await modelVersionRoutes(app, gyre.registry);
  registryMiscRoutes(app, gyre.registry);
  datasetRoutes(app, gyre.datasets);
  await datasetUploadRoutes(app, gyre.datasets);
  await registerMlflowApi(app, gyre);

  app.get('/api/v1/openapi.json', { schema: { hide: true } }, () => app.swagger());
  closeIdleConnectionsWhileClosing(app);
  await app.ready();
  return app;
}

interface ParamsSchema {
  properties?: Record<string, unknown>;
  required?: string[];
}

/** Fastify's `*` wildcard becomes a proper OpenAPI path parameter named `path`. */
function nameWildcardParam({ schema, url }: { schema: object; url: string }): {
  schema: object;
  url: string;
} {
  if (!url.endsWith('*')) return { schema, url };
  const params: ParamsSchema = (schema as { params?: ParamsSchema }).params ?? {};
  const { '*': wildcard, ...rest } = params.properties ?? {};
  const renamed: ParamsSchema = {
    ...params,
    properties: { ...rest, path: wildcard },
    required: params.required?.map((name) => (name === '*' ? 'path' : name)),
  };
  return { schema: { ...schema, params: renamed }, url: `${url.slice(0, -1)}:path` };
}

/**
 * Fastify closes idle keep-alive connections once, when `close()` starts; a connection whose last
 * response is still finishing at that instant becomes idle a moment later and would then hold the
 * shutdown for the whole keep-alive timeout (72 s). Keep closing idle ones until the server is down.
 */
function closeIdleConnectionsWhileClosing(app: TypedApp): void {
  let timer: NodeJS.Timeout | undefined;
  app.addHook('preClose', (done) => {
    timer = setInterval(() => app.server.closeIdleConnections(), 50);
    timer.unref();
    done();
  });
  app.addHook('onClose', (_instance, done) => {
    clearInterval(timer);
    done();
  });
}
