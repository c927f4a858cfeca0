/** Longer values are rarely categories; comparing them on every hit would cost more than it saves. */
const MAX_POOLED_BYTES = 32;
/** Distinct values after which a column counts as high-cardinality (ids, free text) and is left alone. */
const MAX_DISTINCT = 4096;

/**
 * Shares one string per distinct short ASCII value, read straight from the bytes of an Arrow
 * string array. Categorical columns repeat a few values millions of times: a new string for each
 * costs about three times the time and ~20 bytes a cell of memory that a whole table then keeps.
 */
export class AsciiPool {
  private readonly strings = new Map<number, string>();

  constructor(private readonly bytes: Uint8Array) {}

  /** The text of `bytes[from, to)`, or undefined when it is not pooled (long, collision, too many). */
  get(from: number, to: number): string | undefined {
    const { bytes, strings } = this;
    if (to - from > MAX_POOLED_BYTES) return undefined;
    let hash = to - from;
    for (let k = from; k < to; k++) hash = (Math.imul(hash, 31) + bytes[k]!) & 0x3fffffff;
    const found = strings.get(hash);
    if (found !== undefined) return sameText(found, bytes, from, to) ? found : undefined;
    if (strings.size >= MAX_DISTINCT) return undefined;
    const text = Buffer.from(bytes.buffer, bytes.byteOffset + from, to - from).toString('latin1');
    strings.set(hash, text);
    return text;
  }
}

function sameText(text: string, bytes: Uint8Array, from: number, to: number): boolean {
  if (text.length !== to - from) return false;
  for (let k = from; k < to; k++) if (text.charCodeAt(k - from) !== bytes[k]) return false;
  return true;
}
