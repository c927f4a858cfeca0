import type { TypedApp } from './typed-app.js';

/**
 * Registers routes whose body is streamed raw (uploads), whatever its content type: no parser,
 * and so no JSON size limit, applies inside this scope.
 */
export async function rawBodyScope(
  app: TypedApp,
  routes: (scope: TypedApp) => void,
): Promise<void> {
  await app.register((scope: TypedApp) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    routes(scope);
    return Promise.resolve();
  });
}
