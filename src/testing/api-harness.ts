import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { buildServer, type TypedApp } from '../api/index.js';
import type { GyreConfig } from '../core/config/index.js';
import { errorCatalog, type ErrorCode } from '../core/errors/index.js';
import { ApiCalls } from './api-calls.js';
import { openTempGyre } from './temp-gyre.js';

export type TempGyre = Awaited<ReturnType<typeof openTempGyre>>;

/** A temp Gyre and the REST API over it (not listening: use `app.inject`). */
export interface ApiHarness {
  gyre: TempGyre;
  app: TypedApp;
  /** Requests expected to succeed, asserting the status and returning the parsed body. */
  calls: ApiCalls;
  dispose(): Promise<void>;
}

export async function openApiHarness(overrides: Partial<GyreConfig> = {}): Promise<ApiHarness> {
  const gyre = await openTempGyre(overrides);
  const app = await buildServer(gyre);
  return {
    gyre,
    app,
    calls: new ApiCalls(app),
    async dispose() {
      await app.close();
      await gyre.dispose();
    },
  };
}

/** The reply is exactly `{ error_code, message }` with the catalog's status for the code. */
export function expectErrorReply(
  response: LightMyRequestResponse,
  code: ErrorCode,
  message?: RegExp,
): { error_code: string; message: string } {
  const body = response.json<{ error_code: string; message: string }>();
  expect(Object.keys(body).sort(), response.body).toEqual(['error_code', 'message']);
  expect(body.error_code, response.body).toBe(code);
  expect(typeof body.message).toBe('string');
  expect(response.statusCode).toBe(errorCatalog[code].status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  if (message) expect(body.message).toMatch(message);
  return body;
}
