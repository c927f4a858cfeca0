import type { Data } from 'apache-arrow';
import { AsciiPool } from './ascii-pool.js';
import type { Cell } from './types.js';

/**
 * Strings from an Utf8 or LargeUtf8 array. When the bytes of the range are all ASCII, byte
 * offsets are character offsets: repeated short values come from a pool and the rest are slices
 * of one decoded text, both much cheaper than a decode per value.
 */
export function utf8Cells(data: Data, start: number, end: number, cells: Cell[]): void {
  const offsets = data.valueOffsets as Int32Array | BigInt64Array;
  const bytes = data.values as Uint8Array;
  const first = Number(offsets[start]!);
  const range = bytes.subarray(first, Number(offsets[end]!));
  if (isAscii(range)) {
    const pool = new AsciiPool(bytes);
    let text: string | undefined;
    for (let i = start; i < end; i++) {
      const from = Number(offsets[i]!);
      const to = Number(offsets[i + 1]!);
      let value = pool.get(from, to);
      if (value === undefined) {
        text ??= Buffer.from(range.buffer, range.byteOffset, range.length).toString('latin1');
        value = text.slice(from - first, to - first);
      }
      cells[i - start] = value;
    }
    return;
  }
  const decoder = new TextDecoder();
  for (let i = start; i < end; i++) {
    cells[i - start] = decoder.decode(bytes.subarray(Number(offsets[i]!), Number(offsets[i + 1]!)));
  }
}

function isAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return false;
  return true;
}
