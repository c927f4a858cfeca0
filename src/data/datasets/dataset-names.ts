import { invalidParameter } from '../../core/errors/index.js';
import { isWellFormedText } from '../../core/text/index.js';

const MAX_NAME = 250;
const MAX_ALIAS = 255;

/** Dataset names appear in `datasets:/name/3` and `name@alias`, so `/` and `@` are out. */
export function validateDatasetName(name: unknown): string {
  if (typeof name !== 'string' || name.trim() === '')
    throw invalidParameter('dataset name must be a non-empty string', { reason: 'invalid_name' });
  if (!isWellFormedText(name) || /\p{Cc}/u.test(name) || /[/@]/.test(name))
    throw invalidParameter(
      `invalid dataset name '${name}': it may not contain '/', '@' or control characters`,
      { reason: 'invalid_name' },
    );
  if (name.length > MAX_NAME)
    throw invalidParameter(`dataset name has ${name.length} characters; the limit is ${MAX_NAME}`, {
      reason: 'invalid_name',
    });
  return name;
}

/** Letters, digits, `_` and `-`; not `latest`, and not all digits (`NAME@3` is version 3). */
export function validateDatasetAlias(alias: unknown): string {
  const fail = (message: string) => invalidParameter(message, { reason: 'invalid_alias' });
  if (typeof alias !== 'string' || alias === '') throw fail('alias must be a non-empty string');
  if (alias.length > MAX_ALIAS)
    throw fail(`alias has ${alias.length} characters; the limit is ${MAX_ALIAS}`);
  if (!/^[\w-]+$/.test(alias))
    throw fail(`invalid alias '${alias}': aliases may only contain letters, digits, _ and -`);
  if (alias === 'latest')
    throw fail("'latest' is reserved: datasets:/name/latest always means the newest version");
  if (/^\d+$/.test(alias))
    throw fail(`alias '${alias}' is reserved: NAME@${alias} reads as version ${alias}`);
  return alias;
}
