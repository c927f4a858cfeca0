import type { FastifyRequest } from 'fastify';
import { invalidParameter } from '../core/errors/index.js';

/** Header naming who makes a change, recorded in the registry's audit trail. */
export const ACTOR_HEADER = 'x-gyre-actor';

/**
 * The request's actor: the `x-gyre-actor` header; else the user name of HTTP Basic credentials
 * (what MLflow clients send with MLFLOW_TRACKING_USERNAME); else `anonymous`.
 */
export function actorOf(request: FastifyRequest): string {
  const header = request.headers[ACTOR_HEADER];
  if (header === undefined) return basicUser(request.headers.authorization) ?? 'anonymous';
  const actor = (Array.isArray(header) ? header[0] : header)?.trim() ?? '';
  if (!/^[\w.@+ -]{1,100}$/.test(actor)) {
    throw invalidParameter(
      `${ACTOR_HEADER} must be 1-100 letters, digits, spaces or . @ + _ -, got ${JSON.stringify(actor)}`,
    );
  }
  return actor;
}

function basicUser(authorization: string | undefined): string | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(authorization ?? '');
  if (!match) return undefined;
  const user = Buffer.from(match[1]!, 'base64').toString('utf8').split(':')[0]?.trim() ?? '';
  return /^[\w.@+ -]{1,100}$/.test(user) ? user : undefined;
}
