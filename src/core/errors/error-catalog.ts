/**
 * Every error Gyre reports, by stable code. Codes that MLflow also defines keep MLflow's
 * name and HTTP status so MLflow clients understand them; the rest are Gyre's own.
 * `docs/errors.md` must list exactly these (a test keeps them in sync).
 */
export const errorCatalog = {
  INVALID_PARAMETER_VALUE: {
    status: 400,
    description:
      'A field is missing, has the wrong type, or has a value that is not allowed. The message names the field.',
  },
  BAD_REQUEST: {
    status: 400,
    description: 'The request body could not be read: malformed JSON or invalid UTF-8.',
  },
  RESOURCE_ALREADY_EXISTS: {
    status: 400,
    description: 'A resource with this unique name already exists (MLflow reports this as 400).',
  },
  RESOURCE_DOES_NOT_EXIST: {
    status: 404,
    description:
      'The experiment, run, artifact or other resource named in the request does not exist.',
  },
  ENDPOINT_NOT_FOUND: {
    status: 404,
    description: 'No endpoint answers this method and path.',
  },
  RESOURCE_CONFLICT: {
    status: 409,
    description:
      'The change conflicts with what depends on the resource, e.g. deleting a model version an alias points to; the message lists it and how to proceed (often `force`).',
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    description: 'The request body is larger than the configured limit (`json_body_limit`).',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    description: 'The request body has a content type this endpoint does not accept.',
  },
  INVALID_STATE: {
    status: 500,
    description:
      'The operation is not allowed in the current state, e.g. logging through an SDK run that has already ended.',
  },
  INTEGRITY_ERROR: {
    status: 500,
    description:
      'Stored bytes no longer match their sha256 digest; the blob is corrupt and was not returned.',
  },
  DATABASE_SCHEMA_TOO_NEW: {
    status: 503,
    description:
      'The database was migrated by a newer Gyre; this version refuses to open it. Upgrade Gyre.',
  },
  DATABASE_SCHEMA_OUTDATED: {
    status: 503,
    description:
      'The database schema is older than this Gyre and automatic migration is off. Run `gyre db upgrade`.',
  },
  CONFIG_INVALID: {
    status: 500,
    description: 'A configuration value (flag, environment variable or gyre.yaml) is invalid.',
  },
  TEMPORARILY_UNAVAILABLE: {
    status: 503,
    description: 'A dependency such as the database is unreachable; retry later.',
  },
  INTERNAL_ERROR: {
    status: 500,
    description:
      'An unexpected failure. The message carries a request id to find it in the server log.',
  },
} as const satisfies Record<string, { status: number; description: string }>;

export type ErrorCode = keyof typeof errorCatalog;

export const errorCodes = Object.keys(errorCatalog) as ErrorCode[];

export function httpStatusOf(code: ErrorCode): number {
  return errorCatalog[code].status;
}
