import type { Readable } from 'node:stream';

export interface StoredBlob {
  /** Lowercase hex sha256 of the content. */
  digest: string;
  size: number;
  /** False when identical content was already stored (deduplicated). */
  created: boolean;
}

/**
 * Content-addressed bytes. Contract:
 * - `put` streams: memory use does not grow with the size of the content.
 * - `put` is atomic: a blob is visible only complete and synced to disk; a failed or
 *   interrupted write leaves nothing behind under the blob's name.
 * - `open` verifies the blob before yielding its first byte: a blob corrupt at rest is an
 *   INTEGRITY_ERROR with no bytes, a missing blob RESOURCE_DOES_NOT_EXIST. A file altered while
 *   it is being read (outside Gyre's control) fails the stream at its end.
 * - Blobs are immutable and shared; deleting one is garbage collection's job, not a caller's.
 */
export interface BlobStore {
  put(content: Readable | AsyncIterable<Uint8Array>): Promise<StoredBlob>;
  open(digest: string): Promise<Readable>;
  /** Re-hashes a stored blob: INTEGRITY_ERROR when corrupt, RESOURCE_DOES_NOT_EXIST when absent. */
  verify(digest: string): Promise<void>;
  has(digest: string): Promise<boolean>;
  /**
   * A local file holding the blob, for readers that need a path (Parquet, Arrow): a local store
   * returns its own file, which must not be modified. RESOURCE_DOES_NOT_EXIST when absent.
   */
  localPath(digest: string): Promise<string>;
}

export function isSha256Digest(value: string): boolean {
  return /^[0-9a-f]{64}$/.test(value);
}
