import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { GyreError } from '../core/errors/index.js';
import { Readable, Transform } from 'node:stream';

/** A file's bytes as a stream that reports how many have been read so far. */
export function countedFileStream(path: string, onBytes: (bytes: number) => void): Readable {
  async function* chunks() {
    let bytes = 0;
    for await (const chunk of createReadStream(path)) {
      bytes += (chunk as Buffer).length;
      onBytes(bytes);
      yield chunk as Buffer;
    }
  }
  return Readable.from(chunks(), { objectMode: false });
}

/** The sha256 (hex) of a file, streamed. */
export async function sha256File(path: string, onBytes: (bytes: number) => void): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of countedFileStream(path, onBytes)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Writes a download next to `destination` and renames it into place only once every byte has
 * arrived and hashes to `digest`: an interrupted or corrupted transfer never leaves a partial
 * file where the caller expects the data.
 */
export async function writeVerified(
  content: Readable,
  destination: string,
  expected: { digest: string; size: number },
  onBytes?: (bytes: number, total: number) => void,
): Promise<void> {
  const partial = `${destination}.partial-${randomBytes(4).toString('hex')}`;
  const hash = createHash('sha256');
  let bytes = 0;
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      onBytes?.(bytes, expected.size);
      done(null, chunk);
    },
  });
  try {
    await pipeline(content, hashing, createWriteStream(partial, { flags: 'wx' }));
    const actual = hash.digest('hex');
    if (actual !== expected.digest)
      throw new GyreError(
        'INTEGRITY_ERROR',
        `downloaded bytes hash to ${actual}, not ${expected.digest}; nothing was written`,
      );
    await rename(partial, destination);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}
