/**
 * UTF-8 validation used only to explain a failure: the fast path decodes with the native
 * `TextDecoder` and calls these after it throws, to name the offending byte.
 */

/** Bytes a sequence starting with `lead` has, and the allowed range of its second byte; 0 = bad. */
function sequence(lead: number): [length: number, min: number, max: number] {
  if (lead < 0x80) return [1, 0, 0];
  if (lead >= 0xc2 && lead <= 0xdf) return [2, 0x80, 0xbf];
  if (lead === 0xe0) return [3, 0xa0, 0xbf];
  if (lead === 0xed) return [3, 0x80, 0x9f]; // no UTF-16 surrogates
  if (lead >= 0xe1 && lead <= 0xef) return [3, 0x80, 0xbf];
  if (lead === 0xf0) return [4, 0x90, 0xbf];
  if (lead >= 0xf1 && lead <= 0xf3) return [4, 0x80, 0xbf];
  if (lead === 0xf4) return [4, 0x80, 0x8f]; // nothing above U+10FFFF
  return [0, 0, 0];
}

/**
 * Index of the first byte of the first invalid sequence, or -1. A sequence cut off by the end
 * counts as invalid only when `final` (more bytes may follow otherwise).
 */
export function firstInvalidUtf8(bytes: Uint8Array, final: boolean): number {
  let i = 0;
  while (i < bytes.length) {
    const [length, min, max] = sequence(bytes[i]!);
    if (length === 0) return i;
    for (let k = 1; k < length; k++) {
      const byte = bytes[i + k];
      if (byte === undefined) return final ? i : -1;
      const [low, high] = k === 1 ? [min, max] : [0x80, 0xbf];
      if (byte < low || byte > high) return i;
    }
    i += length;
  }
  return -1;
}

/** How many bytes at the end of `bytes` start a sequence that the next buffer must finish. */
export function incompleteTail(bytes: Uint8Array): number {
  for (let k = 1; k <= Math.min(3, bytes.length); k++) {
    const byte = bytes[bytes.length - k]!;
    if ((byte & 0xc0) === 0x80) continue; // continuation byte: look further back
    const [length] = sequence(byte);
    return length > k ? k : 0;
  }
  return 0;
}
