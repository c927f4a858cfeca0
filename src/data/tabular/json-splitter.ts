import { sourceError } from './source-error.js';

/** The text of one element of the top-level array and the line it starts on. */
export interface JsonElement {
  text: string;
  line: number;
}

const LF = 10;
const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/**
 * Cuts a JSON array arriving in pieces into the texts of its elements, so each record is parsed
 * with `JSON.parse` on its own and a 1 GB array never sits in memory whole. It tracks only
 * strings and nesting depth; the elements' own syntax is left to `JSON.parse`.
 */
export class JsonArraySplitter {
  private started = false;
  private finished = false;
  private needElement = false; // after a comma: `]` now would be a trailing comma
  private inElement = false;
  private inString = false;
  private escaped = false;
  private depth = 0;
  private pending = '';
  private line = 1;
  private elementLine = 1;

  constructor(
    private readonly path: string,
    /** Longest element text accepted: a truncated or unbalanced file must not fill memory. */
    private readonly maxChars: number,
  ) {}

  feed(text: string): JsonElement[] {
    const out: JsonElement[] = [];
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === QUOTE) this.inString = false;
        continue;
      }
      if (c === LF) this.line++;
      if (!this.inElement) {
        if (isSpace(c)) continue;
        if (!this.started && c === OPEN_BRACKET) this.started = true;
        else if (!this.started || this.finished) throw this.unexpected(text[i]!);
        else if (c === CLOSE_BRACKET && !this.needElement) this.finished = true;
        else if (c === COMMA || c === CLOSE_BRACKET) throw this.unexpected(text[i]!);
        else {
          this.inElement = true;
          this.elementLine = this.line;
          this.depth = 0;
          start = i;
          i--; // read this character again as the element's first
        }
        continue;
      }
      if (c === QUOTE) this.inString = true;
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) this.depth++;
      else if ((c === CLOSE_BRACE || c === CLOSE_BRACKET) && this.depth > 0) this.depth--;
      else if (this.depth === 0 && (c === COMMA || c === CLOSE_BRACKET)) {
        out.push({ text: this.pending + text.slice(start, i), line: this.elementLine });
        this.pending = '';
        this.inElement = false;
        this.needElement = c === COMMA;
        this.finished = c === CLOSE_BRACKET;
      }
    }
    if (this.inElement) {
      this.pending += text.slice(start);
      if (this.pending.length > this.maxChars) {
        throw sourceError(
          this.path,
          'malformed_json',
          `the array element starting on line ${this.elementLine} is longer than ` +
            `${this.maxChars} characters; is a brace or quote left open?`,
          { line: this.elementLine },
        );
      }
    }
    return out;
  }

  /** Checks the array was closed; a truncated download ends inside it. */
  end(): void {
    if (!this.started) throw sourceError(this.path, 'empty_file', 'is blank: no JSON array');
    if (!this.finished) {
      throw sourceError(
        this.path,
        'malformed_json',
        `ends at line ${this.line} before the array's closing ] (is the file truncated?)`,
        { line: this.line },
      );
    }
  }

  private unexpected(char: string) {
    const what = this.finished
      ? 'text after the closing ] of the array'
      : this.started
        ? `"${char}" where an array element should be`
        : `"${char}" where the file should start with [ (an array of records) or be JSON Lines`;
    return sourceError(this.path, 'malformed_json', `unexpected ${what} on line ${this.line}`, {
      line: this.line,
    });
  }
}
