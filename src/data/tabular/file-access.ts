import { open, stat } from 'node:fs/promises';
import { notFound, type GyreError } from '../../core/errors/index.js';
import { sourceError } from './source-error.js';

/**
 * Fails with a GyreError unless `path` is a readable, non-empty file: RESOURCE_DOES_NOT_EXIST
 * when nothing is there, INVALID_PARAMETER_VALUE (`not_a_file`, `unreadable_file`, `empty_file`)
 * otherwise, instead of a bare ENOENT from deep inside a reader.
 */
export async function checkFile(path: string): Promise<void> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw notFound(`no file at ${path}`, { path, reason: 'no_such_file' });
    }
    throw unreadable(path, error);
  }
  if (!info.isFile()) throw sourceError(path, 'not_a_file', 'is not a file');
  if (info.size === 0) throw sourceError(path, 'empty_file', 'is empty (0 bytes)');
}

/** The first `size` bytes of a file (fewer when it is shorter). */
export async function readHead(path: string, size: number): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(path);
  } catch (error) {
    throw unreadable(path, error);
  }
  try {
    const buffer = Buffer.alloc(size);
    const { bytesRead } = await handle.read(buffer, 0, size, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** An operating-system failure to read the file (EACCES, EIO, …) as a GyreError naming it. */
export function unreadable(path: string, error: unknown): GyreError {
  const message = `cannot be read: ${(error as Error).message}`;
  return sourceError(path, 'unreadable_file', message, {}, error);
}
