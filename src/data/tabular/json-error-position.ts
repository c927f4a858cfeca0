const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /[0-9a-fA-F]{4}/y;
const ESCAPES = '"\\/bfnrt';

/** Thrown inside the scan to stop at the offending offset. */
class Stop extends Error {
  constructor(readonly offset: number) {
    super(`invalid JSON at ${offset}`);
  }
}

/**
 * The offset of the first character at which `text` stops being valid JSON (its length when it
 * ends too early), or -1 when it is valid. Only called after `JSON.parse` failed: V8 reports a
 * position for some errors ("at position 9") but not for others ("Unexpected token '}'"), and an
 * error in a record of a large array is only useful with the line and column to look at.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const stop = (): never => {
    throw new Stop(i);
  };
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const expect = (char: string) => (text[i] === char ? i++ : stop());
  const sticky = (pattern: RegExp) => {
    pattern.lastIndex = i;
    if (!pattern.test(text)) stop();
    i = pattern.lastIndex;
  };
  const string = () => {
    expect('"');
    for (;;) {
      const c = text[i];
      if (c === undefined || c < ' ') stop();
      i++;
      if (c === '"') return;
      if (c !== '\\') continue;
      if (text[i] === 'u') {
        i++;
        sticky(HEX4);
      } else if (ESCAPES.includes(text[i] ?? '')) i++;
      else stop();
    }
  };
  const list = (close: string, item: () => void) => {
    i++;
    space();
    if (text[i] === close) return void i++;
    for (;;) {
      item();
      space();
      if (text[i] === close) return void i++;
      expect(',');
      space();
    }
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{') {
      list('}', () => {
        string();
        space();
        expect(':');
        value();
      });
    } else if (c === '[') list(']', value);
    else if (c === '"') string();
    else if (c !== undefined && /[tfn]/.test(c)) {
      const word = c === 't' ? 'true' : c === 'f' ? 'false' : 'null';
      for (const letter of word) expect(letter);
    } else sticky(NUMBER);
  };
  try {
    value();
    space();
    return i < text.length ? i : -1;
  } catch (error) {
    if (error instanceof Stop) return error.offset;
    return -1; // nesting deeper than the stack: no position, the message still names the record
  }
}
