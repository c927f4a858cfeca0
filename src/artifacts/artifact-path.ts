import { invalidParameter } from '../core/errors/index.js';
import { isWellFormedText } from '../core/text/index.js';

const MAX_PATH_LENGTH = 1024;

/**
 * Normalises a relative artifact path (`./a//b` → `a/b`) and rejects anything that could escape
 * the run's tree or name something else: `..` segments, absolute paths, backslashes, NUL bytes.
 * `allowRoot` accepts '' (and '.') as the root directory, for listings.
 */
export function normalizeArtifactPath(
  input: unknown,
  options: { allowRoot?: boolean } = {},
): string {
  if (typeof input !== 'string') throw invalidParameter('artifact path must be a string');
  if (input.includes('\0')) throw invalidParameter('artifact path must not contain NUL bytes');
  if (!isWellFormedText(input)) throw invalidParameter('artifact path must be valid Unicode text');
  if (input.includes('\\'))
    throw invalidParameter(
      `artifact path '${input}' contains '\\'; use '/' to separate directories`,
    );
  if (input.startsWith('/') || /^[A-Za-z]:/.test(input)) {
    throw invalidParameter(
      `artifact path '${input}' is absolute; give a path relative to the run's artifact root`,
    );
  }
  const segments = input.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.includes('..'))
    throw invalidParameter(
      `artifact path '${input}' contains '..'; paths must stay inside the run`,
    );
  const path = segments.join('/');
  if (path === '' && !options.allowRoot)
    throw invalidParameter('artifact path must name a file, not the root directory');
  if (path.length > MAX_PATH_LENGTH)
    throw invalidParameter(
      `artifact path is ${path.length} characters; the limit is ${MAX_PATH_LENGTH}`,
    );
  return path;
}
