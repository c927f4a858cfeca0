import { errorCatalog, type ErrorCode } from './error-catalog.js';

export interface GyreErrorOptions {
  /** Structured facts about the failure (field names, ids); sent to clients with the message. */
  details?: Record<string, unknown>;
  cause?: unknown;
}

/** The one error type domain code throws; interfaces map it to HTTP statuses and exit codes. */
export class GyreError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: GyreErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GyreError';
    this.code = code;
    this.details = options.details;
  }

  get status(): number {
    return errorCatalog[this.code].status;
  }

  toJSON(): { error_code: ErrorCode; message: string } {
    return { error_code: this.code, message: this.message };
  }
}

export function isGyreError(value: unknown): value is GyreError {
  return value instanceof GyreError;
}

export function invalidParameter(message: string, details?: Record<string, unknown>): GyreError {
  return new GyreError('INVALID_PARAMETER_VALUE', message, { details });
}

export function notFound(message: string, details?: Record<string, unknown>): GyreError {
  return new GyreError('RESOURCE_DOES_NOT_EXIST', message, { details });
}

export function alreadyExists(message: string, details?: Record<string, unknown>): GyreError {
  return new GyreError('RESOURCE_ALREADY_EXISTS', message, { details });
}
