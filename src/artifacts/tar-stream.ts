import type { Readable } from 'node:stream';

export interface TarEntry {
  /** Relative path inside the archive, '/'-separated. */
  name: string;
  size: number;
  mtime: Date;
  content: Readable | AsyncIterable<Uint8Array>;
}

const BLOCK = 512;
const MAX_USTAR_SIZE = 8 ** 11 - 1;

/**
 * Streams a POSIX tar (ustar, with pax headers for long names and files over 8 GiB), one block
 * at a time, so an archive of any size passes through bounded memory.
 */
export async function* tarStream(
  entries: AsyncIterable<TarEntry> | Iterable<TarEntry>,
): AsyncGenerator<Buffer> {
  for await (const entry of entries) {
    const pax: Record<string, string> = {};
    if (Buffer.byteLength(entry.name) > 100) pax.path = entry.name;
    if (entry.size > MAX_USTAR_SIZE) pax.size = String(entry.size);
    if (Object.keys(pax).length > 0) {
      const body = Buffer.from(
        Object.entries(pax)
          .map(([key, value]) => paxRecord(key, value))
          .join(''),
      );
      yield header({ name: 'PaxHeader', size: body.length, mtime: entry.mtime, type: 'x' });
      yield padded(body);
    }
    yield header({
      name: truncateBytes(entry.name, 100),
      size: Math.min(entry.size, MAX_USTAR_SIZE),
      mtime: entry.mtime,
      type: '0',
    });
    let written = 0;
    for await (const chunk of entry.content as AsyncIterable<Uint8Array>) {
      written += chunk.byteLength;
      yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    }
    if (written !== entry.size)
      throw new Error(`tar entry ${entry.name}: expected ${entry.size} bytes, read ${written}`);
    const remainder = written % BLOCK;
    if (remainder > 0) yield Buffer.alloc(BLOCK - remainder);
  }
  yield Buffer.alloc(BLOCK * 2);
}

function header(fields: { name: string; size: number; mtime: Date; type: '0' | 'x' }): Buffer {
  const block = Buffer.alloc(BLOCK);
  block.write(fields.name, 0, 100, 'utf8');
  block.write(octal(0o644, 8), 100);
  block.write(octal(0, 8), 108);
  block.write(octal(0, 8), 116);
  block.write(octal(fields.size, 12), 124);
  block.write(octal(Math.floor(fields.mtime.getTime() / 1000), 12), 136);
  block.write('        ', 148);
  block.write(fields.type, 156);
  block.write('ustar\u000000', 257, 'binary');
  let checksum = 0;
  for (const byte of block) checksum += byte;
  block.write(`${checksum.toString(8).padStart(6, '0')}\u0000 `, 148, 'binary');
  return block;
}

/** An octal number in a field of `width` bytes, NUL-terminated. */
function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\u0000`;
}

/** `"<length> <key>=<value>\n"`, where length counts the whole record including its own digits. */
function paxRecord(key: string, value: string): string {
  const rest = ` ${key}=${value}\n`;
  const restBytes = Buffer.byteLength(rest);
  let length = restBytes + String(restBytes).length;
  if (String(length).length !== String(restBytes).length)
    length = restBytes + String(length).length;
  return `${length}${rest}`;
}

function padded(body: Buffer): Buffer {
  const remainder = body.length % BLOCK;
  return remainder === 0 ? body : Buffer.concat([body, Buffer.alloc(BLOCK - remainder)]);
}

function truncateBytes(text: string, maxBytes: number): string {
  let result = text;
  while (Buffer.byteLength(result) > maxBytes) result = result.slice(0, -1);
  return result;
}
