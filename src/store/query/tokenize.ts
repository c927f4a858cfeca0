import { invalidParameter } from '../../core/errors/index.js';

export type Token =
  | { type: 'ident'; prefix: string; key: string; pos: number }
  | { type: 'word'; value: string; pos: number }
  | { type: 'string'; value: string; pos: number }
  | { type: 'number'; value: number; pos: number }
  | { type: 'op'; value: string; pos: number }
  | { type: '(' | ')' | ','; pos: number }
  | { type: 'end'; pos: number };

const bareKey = /[\p{L}\p{M}\p{N}_.\-/:]/u;
const numberPattern = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;

/** Splits filter text into tokens; positions are 0-based offsets into the text. */
export function tokenize(text: string, what: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const fail = (pos: number, message: string) =>
    invalidParameter(`invalid ${what} ${JSON.stringify(text)} at position ${pos + 1}: ${message}`, {
      position: pos + 1,
    });

  const readQuoted = (start: number): { value: string; next: number } => {
    const quote = text[start];
    let value = '';
    let j = start + 1;
    while (j < text.length) {
      const ch = text[j]!;
      if (ch === '\\' && j + 1 < text.length) {
        value += text[j + 1];
        j += 2;
      } else if (ch === quote) {
        if (text[j + 1] === quote) {
          value += quote;
          j += 2;
        } else {
          return { value, next: j + 1 };
        }
      } else {
        value += ch;
        j += 1;
      }
    }
    throw fail(start, `unterminated quoted text starting with ${quote}`);
  };

  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i += 1;
    } else if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ type: ch, pos: i });
      i += 1;
    } else if (ch === "'" || ch === '"') {
      const { value, next } = readQuoted(i);
      tokens.push({ type: 'string', value, pos: i });
      i = next;
    } else if ('=!<>'.includes(ch)) {
      const two = text.slice(i, i + 2);
      const op = ['!=', '<>', '<=', '>=', '=='].includes(two) ? two : ch;
      if (op === '!') throw fail(i, "expected '!=' but found '!'");
      tokens.push({ type: 'op', value: op === '<>' ? '!=' : op === '==' ? '=' : op, pos: i });
      i += op.length;
    } else if (/[0-9.-]/.test(ch)) {
      const match = numberPattern.exec(text.slice(i));
      if (!match) throw fail(i, `unexpected character '${ch}'`);
      tokens.push({ type: 'number', value: Number(match[0]), pos: i });
      i += match[0].length;
    } else if (/[A-Za-z_]/.test(ch)) {
      const start = i;
      while (i < text.length && /[A-Za-z0-9_]/.test(text[i]!)) i += 1;
      const word = text.slice(start, i);
      if (text[i] !== '.') {
        tokens.push({ type: 'word', value: word, pos: start });
        continue;
      }
      i += 1;
      const quote = text[i];
      if (quote === '"' || quote === '`') {
        const { value, next } = readQuoted(i);
        tokens.push({ type: 'ident', prefix: word, key: value, pos: start });
        i = next;
      } else {
        const keyStart = i;
        while (i < text.length && bareKey.test(text[i]!)) i += 1;
        if (i === keyStart) throw fail(keyStart, `expected a key after '${word}.'`);
        tokens.push({ type: 'ident', prefix: word, key: text.slice(keyStart, i), pos: start });
      }
    } else {
      throw fail(i, `unexpected character '${ch}'`);
    }
  }
  tokens.push({ type: 'end', pos: text.length });
  return tokens;
}
