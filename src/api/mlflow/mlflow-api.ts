import type { Gyre } from '../../app/index.js';
import { GyreError } from '../../core/errors/index.js';
import type { TypedApp } from '../typed-app.js';
import { parseLenientJson } from './lenient-json.js';
import { mlflowArtifactProxyRoutes } from './routes/artifacts-proxy.js';
import { mlflowExperimentRoutes } from './routes/experiments.js';
import { mlflowModelVersionRoutes } from './routes/model-versions.js';
import { mlflowRegisteredModelRoutes } from './routes/registered-models.js';
import { mlflowRunLoggingRoutes } from './routes/run-logging.js';
import { mlflowRunRoutes } from './routes/runs.js';

/** The MLflow version whose REST API this adapter speaks; `GET /version` reports it to MLflow clients. */
export const MLFLOW_API_VERSION = '2.9.2';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * MLflow's REST API 2.0 (tracking, model registry, artifact proxy) as a thin adapter over Gyre's
 * own services: `mlflow.set_tracking_uri("http://gyre:5000")` is all an MLflow script needs.
 */
export async function registerMlflowApi(app: TypedApp, gyre: Gyre): Promise<void> {
  await app.register(async (scope: TypedApp) => {
    // MLflow bodies are JSON whatever the content type says, and may carry Python's bare
    // NaN/Infinity tokens; some old clients double-encode the JSON as a string.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: gyre.config.jsonBodyLimit },
      (_request, body: Buffer, done) => {
        if (body.length === 0) return done(null, {});
        try {
          let parsed = parseLenientJson(utf8.decode(body));
          if (typeof parsed === 'string') parsed = parseLenientJson(parsed);
          done(null, parsed);
        } catch (error) {
          done(
            new GyreError(
              'BAD_REQUEST',
              `request body is not valid UTF-8 JSON: ${(error as Error).message}`,
            ),
            undefined,
          );
        }
      },
    );
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
