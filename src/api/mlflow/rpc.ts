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
 * Registers one MLflow RPC under both prefixes. GET fields come from the query string (or, with
 * none, from a JSON body, as MLflow accepts); other methods read the JSON body. The handler's
 * object is the response body (`{}` when there is nothing to say, never an empty body).
 */
export function rpc(app: TypedApp, method: RpcMethod, path: string, handler: RpcHandler): void {
  for (const prefix of mlflowPrefixes) {
    app.route({
      method,
      url: `${prefix}/${path}`,
      schema: { hide: true },
      handler: async (request, reply) => {
        const query = request.query as Record<string, unknown>;
        const fields =
          method === 'GET' && Object.keys(query).length > 0
            ? RequestFields.fromQuery(query)
            : RequestFields.fromBody(request.body);
        return compactTopLevel(await handler(fields, request, reply));
      },
    });
  }
}

/** Empty lists and unset fields are left out of MLflow responses (`{}` for a search without hits). */
function compactTopLevel(body: object): object {
  return Object.fromEntries(
    Object.entries(body).filter(
      ([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0),
    ),
  );
}
