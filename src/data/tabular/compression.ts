import { createReadStream } from 'node:fs';
import { pipeline, type Readable } from 'node:stream';
import { constants, createGunzip, gunzipSync } from 'node:zlib';
import { readHead } from './file-access.js';

/** gzip's magic number; text exports are often shipped as `data.csv.gz`. */
export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** The first bytes of a file, decompressed when it is gzip (as far as the bytes given allow). */
export function plainHead(head: Uint8Array): Uint8Array {
  if (!isGzip(head)) return head;
  try {
    // A sync flush decompresses what the truncated input holds instead of failing on its end.
    return gunzipSync(head, { finishFlush: constants.Z_SYNC_FLUSH });
  } catch {
    return new Uint8Array(0);
  }
}

/**
 * The bytes of a file, decompressed on the fly when it is gzip, so a `.csv.gz` streams like a
 * `.csv`. A corrupt gzip stream fails the iteration with zlib's error.
 */
export async function openBytes(path: string): Promise<Readable> {
  const gzip = isGzip(await readHead(path, 2));
  const raw = createReadStream(path);
  // pipeline, unlike pipe, passes a read error of the file on to the gunzip side.
  return gzip ? pipeline(raw, createGunzip(), () => undefined) : raw;
}
