import { Ajv, type ErrorObject } from 'ajv';
import type { FastifySchemaCompiler } from 'fastify';

/**
 * Bodies are validated strictly (a string where a number belongs is an error, not coerced);
 * query strings and path params arrive as text, so those are coerced to the declared types.
 */
const options = {
  useDefaults: true,
  removeAdditional: false,
  allErrors: false,
  strict: false,
  verbose: true,
} as const;
const strict = new Ajv({ ...options, coerceTypes: false });
const coercing = new Ajv({ ...options, coerceTypes: 'array' });

export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) => {
  const validate = (httpPart === 'body' ? strict : coercing).compile(schema);
  return (data: unknown) =>
    validate(data)
      ? { value: data }
      : { error: new RequestValidationError(httpPart ?? 'request', validate.errors ?? []) };
};

/** A readable sentence naming the field: `body.metrics[3].value must be a number`. */
export class RequestValidationError extends Error {
  constructor(part: string, errors: ErrorObject[]) {
    // An anyOf failure also reports each branch's failure at the same place; one line says it all.
    const unions = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
    const relevant = errors.filter((e) => e.keyword === 'anyOf' || !unions.has(e.instancePath));
    super(relevant.map((error) => describe(part, error)).join('; '));
    this.name = 'RequestValidationError';
  }
}

function describe(part: string, error: ErrorObject): string {
  const where = `${part}${error.instancePath.replace(/\/(\d+)(?=\/|$)/g, '[$1]').replaceAll('/', '.')}`;
  switch (error.keyword) {
    case 'additionalProperties':
      return `${where} has unknown field '${String(error.params.additionalProperty)}'`;
    case 'required':
      return `${where} is missing required field '${String(error.params.missingProperty)}'`;
    case 'type':
      return `${where} must be ${article(String(error.params.type))}`;
    case 'anyOf':
      return `${where} must be ${alternatives(error.parentSchema)}`;
    case 'const':
    case 'enum':
      return `${where} must be one of ${JSON.stringify(error.params.allowedValues ?? error.params.allowedValue)}`;
    default:
      return `${where} ${error.message ?? 'is invalid'}`;
  }
}

function article(type: string): string {
  return type
    .split(',')
    .map((t) => (/^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`))
    .join(' or ');
}

/** `a number, or one of "NaN", "Infinity"` from the branches of an anyOf schema. */
function alternatives(schema: unknown): string {
  const branches =
    (schema as { anyOf?: { type?: string; const?: unknown }[] } | undefined)?.anyOf ?? [];
  const types = branches
    .filter((b) => b.const === undefined && b.type)
    .map((b) => article(String(b.type)));
  const constants = branches
    .filter((b) => b.const !== undefined)
    .map((b) => JSON.stringify(b.const));
  const parts = [...types, ...(constants.length > 0 ? [`one of ${constants.join(', ')}`] : [])];
  return parts.length > 0 ? parts.join(', or ') : 'of an accepted type';
}
