import { GyreError } from '../../core/errors/index.js';

/**
 * JSON as Python's `json` module writes it: besides standard JSON, the bare tokens `NaN`,
 * `Infinity` and `-Infinity` (which JSON.parse refuses) outside strings. They become the strings
 * "NaN", "Infinity" and "-Infinity", the form MLflow's own protobuf JSON uses for doubles.
 */
export function parseLenientJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const rewritten = quoteNonFiniteTokens(text);
    if (rewritten === text) throw error;
    return JSON.parse(rewritten) as unknown;
  }
}

function quoteNonFiniteTokens(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"') {
      const end = endOfString(text, i);
      out += text.slice(i, end);
      i = end;
      continue;
    }
    const token = /^(-?Infinity|NaN)(?![\w$])/.exec(text.slice(i, i + 10));
    if (token) {
      out += `"${token[1]}"`;
      i += token[1]!.length;
      continue;
    }
    out += ch;
    i += 1;
  }
  return out;
}

/** Index just past the closing quote of the string starting at `start` (or the end of the text). */
function endOfString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === '\\') i += 2;
    else if (text[i] === '"') return i + 1;
    else i += 1;
  }
  return text.length;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * An MLflow request body: UTF-8 JSON that may carry Python's bare NaN/Infinity tokens, and that
 * old clients double-encode as a JSON string. An empty body is `{}`, as MLflow reads it.
 */
export function parseMlflowBody(body: Buffer): unknown {
  if (body.length === 0) return {};
  try {
    const parsed = parseLenientJson(utf8.decode(body));
    return typeof parsed === 'string' ? parseLenientJson(parsed) : parsed;
  } catch (error) {
    throw new GyreError(
      'BAD_REQUEST',
      `request body is not valid UTF-8 JSON: ${(error as Error).message}`,
    );
  }
}
