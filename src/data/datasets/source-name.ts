import { GyreError, isGyreError } from '../../core/errors/index.js';

/**
 * Dataset bytes are read from the artifact store, whose file names are digests; a reader's
 * error quoting that path would send the user looking for a file they never had. Runs `body`
 * and rewrites such errors to name the file the dataset came from.
 */
export async function namingSource<T>(
  blobPath: string,
  source: string,
  body: () => Promise<T>,
): Promise<T> {
  try {
    return await body();
  } catch (error) {
    if (!isGyreError(error) || !error.message.includes(blobPath)) throw error;
    const details = { ...error.details };
    if (details.path === blobPath) details.path = source;
    throw new GyreError(error.code, error.message.split(blobPath).join(source), {
      details,
      cause: error,
    });
  }
}
