import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TypedApp } from '../typed-app.js';
import { RequestFields } from './request-fields.js';

export type RpcMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';
export type RpcHandler = (
  fields: RequestFields,
  request: FastifyRequest,
  reply: FastifyReply,
) => Promise<object>;

/** MLflow serves every endpoint under both prefixes; the UI uses the second. */
export const mlflowPrefixes = ['/api/2.0/mlflow', '/ajax-api/2.0/mlflow'] as const;

/**
 * Registers one MLflow RPC under both prefixes. GET fields come from the query string, or from
 * the JSON body when the query string is empty (as MLflow's `_get_request_message` does); other
 * methods read the JSON body. The handler's object is the response body (`{}` when there is
 * nothing to say, never an empty body).
 */
export function rpc(app: TypedApp, method: RpcMethod, path: string, handler: RpcHandler): void {
  for (const prefix of mlflowPrefixes) {
    app.route({
      method,
      url: `${prefix}/${path}`,
      schema: { hide: true },
      handler: async (request, reply) => {
        const fields =
          method === 'GET' && hasQueryString(request.url)
            ? RequestFields.fromQuery(request.query as Record<string, unknown>)
            : RequestFields.fromBody(request.body);
        return compactTopLevel(await handler(fields, request, reply));
      },
    });
  }
}

export function hasQueryString(url: string): boolean {
  const start = url.indexOf('?');
  return start !== -1 && start < url.length - 1;
}

/** Empty lists and unset fields are left out of MLflow responses (`{}` for a search without hits). */
function compactTopLevel(body: object): object {
  return Object.fromEntries(
    Object.entries(body).filter(
      ([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0),
    ),
  );
}
