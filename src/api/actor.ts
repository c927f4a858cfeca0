import type { FastifyRequest } from 'fastify';
import { invalidParameter } from '../core/errors/index.js';

/** Header naming who makes a change, recorded in the registry's audit trail. */
export const ACTOR_HEADER = 'x-gyre-actor';

/** The request's actor: the `x-gyre-actor` header, or `anonymous` when it is absent. */
export function actorOf(request: FastifyRequest): string {
  const header = request.headers[ACTOR_HEADER];
  if (header === undefined) return 'anonymous';
  const actor = (Array.isArray(header) ? header[0] : header)?.trim() ?? '';
  if (!/^[\w.@+ -]{1,100}$/.test(actor)) {
    throw invalidParameter(
      `${ACTOR_HEADER} must be 1-100 letters, digits, spaces or . @ + _ -, got ${JSON.stringify(actor)}`,
    );
  }
  return actor;
}
