import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { openApiDocument } from '../../scripts/generate-docs.js';

test('docs/openapi.json matches the routes (regenerate with npm run gen:docs)', async () => {
  const committed = readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8');
  const current = await openApiDocument();
  expect(JSON.parse(current)).toEqual(JSON.parse(committed));
});

test('the OpenAPI document describes every /api/v1 operation with responses', async () => {
  const document = JSON.parse(await openApiDocument()) as {
    openapi: string;
    paths: Record<string, Record<string, { responses?: object }>>;
  };
  expect(document.openapi).toBe('3.1.0');
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
  );
  expect(operations).toEqual(
    expect.arrayContaining([
      'POST /api/v1/runs/{run_id}/batch',
      'GET /api/v1/experiments',
      'PUT /api/v1/runs/{run_id}/artifacts/content/{path}',
    ]),
  );
  for (const [path, methods] of Object.entries(document.paths)) {
    expect(path.startsWith('/api/v1/'), path).toBe(true);
    for (const [method, operation] of Object.entries(methods))
      expect(operation.responses, `${method} ${path}`).toBeDefined();
  }
});
