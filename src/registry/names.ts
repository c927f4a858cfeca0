import { invalidParameter } from '../core/errors/index.js';
import { isWellFormedText } from '../core/text/index.js';

const MAX_NAME = 250;
const MAX_ALIAS = 255;

/** Model names appear in `models:/name/3` and `models:/name@alias`, so `/` and `@` are out. */
export function validateModelName(name: unknown): string {
  if (typeof name !== 'string' || name.trim() === '')
    throw invalidParameter('registered model name must be a non-empty string');
  if (!isWellFormedText(name))
    throw invalidParameter('registered model name is not valid Unicode text');
  if (name.length > MAX_NAME)
    throw invalidParameter(
      `registered model name has ${name.length} characters; the limit is ${MAX_NAME}`,
    );
  if (/[/@]/.test(name) || /\p{Cc}/u.test(name)) {
    throw invalidParameter(
      `invalid registered model name '${name}': it may not contain '/', '@' or control characters`,
    );
  }
  return name;
}

/** MLflow's alias rule: letters, digits, `_` and `-`; not `latest`, and not `v<number>` (reads as a version). */
export function validateAlias(alias: unknown): string {
  if (typeof alias !== 'string' || alias === '')
    throw invalidParameter('alias must be a non-empty string');
  if (alias.length > MAX_ALIAS)
    throw invalidParameter(`alias has ${alias.length} characters; the limit is ${MAX_ALIAS}`);
  if (!/^[\w-]+$/.test(alias))
    throw invalidParameter(
      `invalid alias '${alias}': aliases may only contain letters, digits, _ and -`,
    );
  if (alias.toLowerCase() === 'latest')
    throw invalidParameter(
      "'latest' is reserved: models:/name/latest always means the newest version",
    );
  if (/^v\d+$/i.test(alias))
    throw invalidParameter(`alias '${alias}' is reserved: it would read as a version number`);
  return alias;
}

export function validateVersion(version: unknown): number {
  const number = typeof version === 'string' && /^\d+$/.test(version) ? Number(version) : version;
  if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 1) {
    throw invalidParameter(
      `model version must be a positive integer, got ${JSON.stringify(version)}`,
    );
  }
  return number;
}
