import type { Readable } from 'node:stream';

/** One regular file read back from a tar archive. */
export interface TarFile {
  name: string;
  content: Buffer;
}

/**
 * A small, strict ustar/pax reader for tests: checks each header's checksum and size field,
 * applies pax `path` records, and requires the two zero blocks at the end.
 */
export function readTar(archive: Buffer): TarFile[] {
  const files: TarFile[] = [];
  let offset = 0;
  let paxPath: string | undefined;
  for (;;) {
    if (offset + 512 > archive.length) throw new Error('tar archive ends without zero blocks');
    const header = archive.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) {
      const next = archive.subarray(offset + 512, offset + 1024);
      if (next.length !== 512 || !next.every((byte) => byte === 0))
        throw new Error('tar archive has a single zero block instead of two');
      return files;
    }
    const stored = parseInt(field(header, 148, 8).trim(), 8);
    let sum = 0;
    for (let i = 0; i < 512; i += 1) sum += i >= 148 && i < 156 ? 32 : header[i]!;
    if (stored !== sum) throw new Error(`tar header checksum ${stored} != ${sum} at ${offset}`);
    if (field(header, 257, 5) !== 'ustar') throw new Error(`not a ustar header at ${offset}`);
    const size = parseInt(field(header, 124, 12), 8);
    const type = String.fromCharCode(header[156]!);
    const body = archive.subarray(offset + 512, offset + 512 + size);
    if (body.length !== size) throw new Error(`tar entry at ${offset} is truncated`);
    offset += 512 + Math.ceil(size / 512) * 512;
    if (type === 'x') {
      paxPath = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(body.toString('utf8'))?.[1];
      continue;
    }
    if (type !== '0' && type !== '\0') throw new Error(`unexpected tar entry type '${type}'`);
    files.push({ name: paxPath ?? field(header, 0, 100), content: Buffer.from(body) });
    paxPath = undefined;
  }
}

/** Collects a stream into one Buffer. */
export async function readAll(stream: Readable | AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Uint8Array | string>)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

function field(block: Buffer, start: number, length: number): string {
  const raw = block.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? length : end).toString('utf8');
}
