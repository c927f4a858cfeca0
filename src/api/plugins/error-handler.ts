import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GyreError, isGyreError } from '../../core/errors/index.js';
import { RequestValidationError } from './validation.js';

/** Every failure leaves as `{ error_code, message }` with the catalog's status; nothing else. */
export function registerErrorHandling(app: FastifyInstance, jsonBodyLimit: number): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const gyreError = toGyreError(error, request, jsonBodyLimit);
    if (gyreError.code === 'INTERNAL_ERROR' || gyreError.code === 'INTEGRITY_ERROR') {
      request.log.error({ err: error }, gyreError.message);
    }
    return reply.status(gyreError.status).send(gyreError.toJSON());
  });
  app.setNotFoundHandler((request, reply) => {
    const error = new GyreError(
      'ENDPOINT_NOT_FOUND',
      `no endpoint ${request.method} ${request.url.split('?')[0]}`,
    );
    return reply.status(error.status).send(error.toJSON());
  });
}

function toGyreError(
  error: FastifyError,
  request: FastifyRequest,
  jsonBodyLimit: number,
): GyreError {
  if (isGyreError(error)) return error;
  if (error instanceof RequestValidationError)
    return new GyreError('INVALID_PARAMETER_VALUE', error.message);
  if (error.validation) return new GyreError('INVALID_PARAMETER_VALUE', error.message);
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new GyreError(
        'PAYLOAD_TOO_LARGE',
        `request body is larger than ${jsonBodyLimit} bytes (json_body_limit); split the request, e.g. into smaller batches`,
      );
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new GyreError(
        'UNSUPPORTED_MEDIA_TYPE',
        `content type '${request.headers['content-type'] ?? ''}' is not accepted here; send application/json`,
      );
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new GyreError('BAD_REQUEST', 'request body is empty; send a JSON object');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new GyreError('BAD_REQUEST', 'Content-Length does not match the body');
  }
  if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    return new GyreError('BAD_REQUEST', error.message);
  }
  return new GyreError(
    'INTERNAL_ERROR',
    `unexpected error (request ${request.id}); the server log has the details`,
  );
}
