import { Type } from 'typebox';
import { latestSchemaVersion } from '../../store/index.js';
import type { TypedApp } from '../typed-app.js';
import { gyreVersion } from '../../core/version.js';

export function healthRoutes(app: TypedApp): void {
  app.get(
    '/api/v1/health',
    {
      schema: {
        tags: ['server'],
        summary: 'Liveness and versions',
        response: {
          200: Type.Object({
            status: Type.Literal('ok'),
            version: Type.String(),
            schema_version: Type.Integer(),
          }),
        },
      },
    },
    () => ({ status: 'ok' as const, version: gyreVersion, schema_version: latestSchemaVersion }),
  );
}
