import { isGyreError } from '../../core/errors/index.js';
import { openBytes } from './compression.js';
import { unreadable } from './file-access.js';
import { sourceError } from './source-error.js';
import { firstInvalidUtf8, incompleteTail } from './utf8.js';

/**
 * The longest single value a text reader accumulates (a CSV field, a JSON record or line), in
 * characters. Nothing real comes near 64 Mi; text that grows past it is almost always a quote or
 * bracket that is never closed, which would otherwise pull the rest of a large file into memory.
 */
export const MAX_VALUE_CHARS = 64 * 1024 * 1024;

/**
 * The text of a UTF-8 file (gzip-compressed or not), piece by piece, with a leading byte-order
 * mark dropped. Decoding is strict: a byte that is not UTF-8 (a Latin-1 export, a binary file)
 * stops the read with its offset and line rather than turning into U+FFFD and corrupting
 * categories silently.
 */
export async function* readUtf8Text(path: string): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let before = 0; // bytes of the file in earlier buffers
  let tail: Uint8Array = new Uint8Array(0); // an unfinished sequence the decoder holds
  for await (const buffer of decompressed(path)) {
    let text: string;
    try {
      text = decoder.decode(buffer, { stream: true });
    } catch {
      const joined = Buffer.concat([tail, buffer]);
      const at = Math.max(0, firstInvalidUtf8(joined, false));
      // Excel's "Unicode text" export is UTF-16; say so rather than just "byte 0".
      const utf16 = before === 0 && (isMark(buffer, 0xff, 0xfe) || isMark(buffer, 0xfe, 0xff));
      throw await invalidUtf8(
        path,
        before - tail.length + at,
        utf16 ? 'the file is UTF-16' : undefined,
      );
    }
    const joined = buffer.length < 4 ? Buffer.concat([tail, buffer]) : buffer;
    tail = joined.subarray(joined.length - incompleteTail(joined));
    before += buffer.length;
    if (text !== '') yield text;
  }
  try {
    const rest = decoder.decode();
    if (rest !== '') yield rest;
  } catch {
    throw await invalidUtf8(path, before - tail.length, 'the file ends inside a character');
  }
}

function isMark(bytes: Uint8Array, first: number, second: number): boolean {
  return bytes[0] === first && bytes[1] === second;
}

async function invalidUtf8(path: string, offset: number, why?: string) {
  const line = await lineAt(path, offset);
  const reason = why ? `: ${why}` : '';
  return sourceError(
    path,
    'invalid_utf8',
    `invalid UTF-8 at byte ${offset} (line ${line})${reason}; save the file as UTF-8`,
    { line, byteOffset: offset },
  );
}

/** The bytes of the file, failing with a GyreError when it cannot be read or is not valid gzip. */
async function* decompressed(path: string): AsyncGenerator<Buffer> {
  try {
    yield* (await openBytes(path)) as AsyncIterable<Buffer>;
  } catch (error) {
    if (isGyreError(error)) throw error;
    const { code, message } = error as NodeJS.ErrnoException;
    if (code?.startsWith('Z_')) {
      throw sourceError(path, 'unreadable_file', `is not valid gzip: ${message}`, {}, error);
    }
    throw code === undefined ? error : unreadable(path, error);
  }
}

/**
 * The 1-based line holding (decompressed) byte `offset`; reads the file again, which only errors
 * pay for.
 */
async function lineAt(path: string, offset: number): Promise<number> {
  let line = 1;
  let position = 0;
  for await (const buffer of await openBytes(path)) {
    const bytes = buffer as Buffer;
    const end = Math.min(bytes.length, offset - position);
    for (let i = bytes.indexOf(10); i !== -1 && i < end; i = bytes.indexOf(10, i + 1)) line++;
    position += bytes.length;
    if (position >= offset) break;
  }
  return line;
}
