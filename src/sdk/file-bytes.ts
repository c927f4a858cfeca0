import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
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

/** A pass-through that reports the bytes gone by (of `total`), for download progress. */
export function counting(
  total: number,
  onBytes?: (bytes: number, total: number) => void,
): Transform {
  let bytes = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      onBytes?.(bytes, total);
      done(null, chunk);
    },
  });
}
