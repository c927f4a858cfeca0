import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access, mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { GyreError, notFound } from '../core/errors/index.js';
import { isSha256Digest, type BlobStore, type StoredBlob } from './blob-store.js';

/**
 * Blobs as files under `root/sha256/ab/cd/<digest>`, written to `root/tmp` first and renamed
 * into place after fsync, so a crash mid-write never leaves a partial blob under its name.
 */
export class LocalBlobStore implements BlobStore {
  constructor(readonly root: string) {}

  async put(content: Readable | AsyncIterable<Uint8Array>): Promise<StoredBlob> {
    const tmpDir = join(this.root, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const tmpPath = join(tmpDir, `${Date.now()}-${randomBytes(8).toString('hex')}.part`);
    const hash = createHash('sha256');
    let size = 0;
    const file = await open(tmpPath, 'wx');
    try {
      for await (const chunk of content as AsyncIterable<Uint8Array | string>) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        hash.update(bytes);
        size += bytes.byteLength;
        await file.write(bytes);
      }
      await file.sync();
    } catch (error) {
      await file.close().catch(() => {});
      await rm(tmpPath, { force: true });
      throw error;
    }
    await file.close();

    const digest = hash.digest('hex');
    const target = this.pathOf(digest);
    if (await exists(target)) {
      await rm(tmpPath, { force: true });
      return { digest, size, created: false };
    }
    await mkdir(dirname(target), { recursive: true });
    await rename(tmpPath, target);
    await syncDirectory(dirname(target));
    return { digest, size, created: true };
  }

  async open(digest: string): Promise<Readable> {
    // Hash the whole file before handing out the first byte: a reader must never receive
    // corrupt content, not even a prefix of it.
    await this.verify(digest);
    // The file could still change between the check and the read; hash again on the way out.
    const path = this.pathOf(digest);
    return createReadStream(path).pipe(verifying(digest, path));
  }

  async verify(digest: string): Promise<void> {
    const path = this.requirePath(digest);
    if (!(await exists(path)))
      throw notFound(`blob ${digest} is not in the artifact store`, { digest });
    const actual = await hashFile(path);
    if (actual !== digest) throw corrupt(digest, actual, path);
  }

  async has(digest: string): Promise<boolean> {
    return isSha256Digest(digest) && exists(this.pathOf(digest));
  }

  async localPath(digest: string): Promise<string> {
    const path = this.requirePath(digest);
    if (!(await exists(path)))
      throw notFound(`blob ${digest} is not in the artifact store`, { digest });
    return path;
  }

  /** Where a blob lives on disk (for tests and operators, e.g. to check or repair a file). */
  pathOf(digest: string): string {
    return join(this.root, 'sha256', digest.slice(0, 2), digest.slice(2, 4), digest);
  }

  private requirePath(digest: string): string {
    if (!isSha256Digest(digest)) {
      throw new GyreError(
        'INVALID_PARAMETER_VALUE',
        `'${digest}' is not a sha256 digest (64 lowercase hex characters)`,
      );
    }
    return this.pathOf(digest);
  }
}

function corrupt(expected: string, actual: string, path: string): GyreError {
  return new GyreError(
    'INTEGRITY_ERROR',
    `blob ${expected} is corrupt: its content now hashes to ${actual} (${path})`,
    {
      details: { digest: expected, actual },
    },
  );
}

function verifying(digest: string, path: string): Transform {
  const hash = createHash('sha256');
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      callback(null, chunk);
    },
    flush(callback) {
      const actual = hash.digest('hex');
      callback(actual === digest ? null : corrupt(digest, actual, path));
    },
  });
}

async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** Makes a rename durable: the directory entry itself must reach the disk. */
async function syncDirectory(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
