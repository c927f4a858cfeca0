import { sourceError } from './source-error.js';
import { MAX_VALUE_CHARS } from './text-stream.js';

/** One CSV record and the 1-based line it starts on (the header is line 1). */
export interface CsvRecord {
  fields: string[];
  line: number;
}

const LF = 10;
const CR = 13;
const QUOTE = 34;
const BLANK = /^[ \t]*$/;

const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const QUOTE_IN_QUOTED = 3; // a quote inside a quoted field: closes it, or starts `""`

/**
 * An incremental RFC 4180 parser: text arrives in pieces that may split a field, a `""` escape or
 * a CRLF anywhere. Lines end with LF, CRLF or a lone CR. Quoted fields may hold delimiters, line
 * breaks and `""`. Like pandas it is lenient where the RFC is silent: a quote inside an unquoted
 * field is kept as text and text after a closing quote is appended (`"ab"c` reads `abc`).
 * Blank lines (empty, or only spaces and tabs, outside quotes) are skipped, as pandas does.
 */
export class CsvParser {
  private state = FIELD_START;
  private field = '';
  private fields: string[] = [];
  private quotedRecord = false; // a record of one empty quoted field ("") is not a blank line
  private line = 1;
  private recordLine = 1;
  private quoteLine = 0;
  private skipLf = false; // the last piece ended with CR; an LF starting the next belongs to it

  constructor(
    private readonly path: string,
    private readonly delimiter: number,
  ) {}

  /** Parses a piece of text and returns the records it completed. */
  feed(text: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    const n = text.length;
    let i = 0;
    if (this.skipLf && n > 0) {
      this.skipLf = false;
      if (text.charCodeAt(0) === LF) i = 1;
    }
    while (i < n) {
      if (this.state === UNQUOTED) {
        let j = i;
        for (; j < n; j++) {
          const c = text.charCodeAt(j);
          if (c === this.delimiter || c === LF || c === CR) break;
        }
        this.field += text.slice(i, j);
        this.checkLength();
        i = j === n ? n : this.endField(text, j, out);
      } else if (this.state === QUOTED) {
        const quote = text.indexOf('"', i);
        const piece = text.slice(i, quote === -1 ? n : quote);
        for (let k = piece.indexOf('\n'); k !== -1; k = piece.indexOf('\n', k + 1)) this.line++;
        this.field += piece;
        this.checkLength();
        if (quote === -1) i = n;
        else {
          this.state = QUOTE_IN_QUOTED;
          i = quote + 1;
        }
      } else {
        const c = text.charCodeAt(i);
        if (this.state === FIELD_START && c === QUOTE) {
          this.state = QUOTED;
          this.quotedRecord = true;
          this.quoteLine = this.line;
          i++;
        } else if (this.state === QUOTE_IN_QUOTED && c === QUOTE) {
          this.field += '"';
          this.state = QUOTED;
          i++;
        } else if (this.state === QUOTE_IN_QUOTED && c !== this.delimiter && c !== LF && c !== CR) {
          this.state = UNQUOTED;
        } else if (this.state === QUOTE_IN_QUOTED) {
          i = this.endField(text, i, out);
        } else {
          this.state = UNQUOTED;
        }
      }
    }
    return out;
  }

  /** Finishes the input: returns the last record when the file does not end with a line break. */
  end(): CsvRecord[] {
    if (this.state === QUOTED) {
      throw sourceError(
        this.path,
        'unterminated_quote',
        `unterminated quoted field: the quote opened on line ${this.quoteLine} is never closed ` +
          '(a field that contains a quote must be quoted as a whole, with the quote doubled)',
        { line: this.quoteLine },
      );
    }
    if (this.state === FIELD_START && this.fields.length === 0) return [];
    const out: CsvRecord[] = [];
    this.fields.push(this.field);
    this.finishRecord(out);
    return out;
  }

  /** At a delimiter or line break at `text[i]`; returns the index just past it. */
  private endField(text: string, i: number, out: CsvRecord[]): number {
    this.fields.push(this.field);
    this.field = '';
    this.state = FIELD_START;
    const c = text.charCodeAt(i);
    if (c === this.delimiter) return i + 1;
    this.finishRecord(out);
    this.line++;
    this.recordLine = this.line;
    if (c === CR) {
      if (i + 1 === text.length) this.skipLf = true;
      else if (text.charCodeAt(i + 1) === LF) return i + 2;
    }
    return i + 1;
  }

  private checkLength(): void {
    if (this.field.length <= MAX_VALUE_CHARS) return;
    const quoted = this.state === QUOTED;
    const line = quoted ? this.quoteLine : this.recordLine;
    throw sourceError(
      this.path,
      quoted ? 'unterminated_quote' : 'field_too_long',
      `a field starting on line ${line} is longer than ${MAX_VALUE_CHARS} characters` +
        (quoted ? `; the quote opened on line ${line} is probably never closed` : ''),
      { line },
    );
  }

  private finishRecord(out: CsvRecord[]): void {
    const { fields } = this;
    const blank = fields.length === 1 && !this.quotedRecord && BLANK.test(fields[0]!);
    if (!blank) out.push({ fields, line: this.recordLine });
    this.fields = [];
    this.quotedRecord = false;
  }
}
