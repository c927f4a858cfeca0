/**
 * A fast reader of plain decimal text, the bulk of a numeric CSV column. Profiling spent more
 * time in `cellKind`'s and `parseNumber`'s regular expressions and in `Number(text)` than the
 * CSV reader took to split the file; one scan classifies the text and, for up to 15 significant
 * digits and a decimal exponent within ±22, computes the value the way Clinger's fast path does
 * (an exact integer times or divided by an exact power of ten, one correctly rounded operation),
 * which is bit for bit what `Number(text)` gives.
 */

/** `scanDecimal` results. */
export const NOT_PLAIN = 0;
export const PLAIN_INTEGER = 1;
export const PLAIN_FLOAT = 2;

/** The value of the text `scanDecimal` last read: a typed array, so the hot loop boxes nothing. */
export const scannedValue = new Float64Array(1);

const POWERS_OF_TEN = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));
const PLUS = 43;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const NINE = 57;
const LOWER_E = 101;
const UPPER_E = 69;
/** Significant digits an exact double integer always holds. */
const EXACT_DIGITS = 15;

/**
 * Whether text is `[+-]digits[.digits]` (either side of the point may be empty, not both) with an
 * optional `e[+-]digits`, and nothing else — `cellKind`'s integer and float grammar without the
 * surrounding spaces it allows: PLAIN_INTEGER (no point, no exponent), PLAIN_FLOAT, or NOT_PLAIN.
 * For plain text the value is left in `scannedValue[0]`.
 */
export function scanDecimal(text: string): number {
  const length = text.length;
  let i = 0;
  let code = text.charCodeAt(0);
  const negative = code === MINUS;
  if (negative || code === PLUS) i++;
  let mantissa = 0;
  let significant = 0;
  let digits = 0;
  let scale = 0;
  while (i < length && (code = text.charCodeAt(i)) >= ZERO && code <= NINE) {
    mantissa = mantissa * 10 + (code - ZERO);
    if (mantissa !== 0) significant++;
    digits++;
    i++;
  }
  let float = false;
  if (i < length && code === DOT) {
    float = true;
    i++;
    while (i < length && (code = text.charCodeAt(i)) >= ZERO && code <= NINE) {
      mantissa = mantissa * 10 + (code - ZERO);
      if (mantissa !== 0) significant++;
      digits++;
      scale--;
      i++;
    }
  }
  if (digits === 0) return NOT_PLAIN;
  if (i < length) {
    if (code !== LOWER_E && code !== UPPER_E) return NOT_PLAIN;
    float = true;
    code = text.charCodeAt(++i);
    const negativeExponent = code === MINUS;
    if (negativeExponent || code === PLUS) i++;
    let exponent = 0;
    const first = i;
    while (i < length && (code = text.charCodeAt(i)) >= ZERO && code <= NINE) {
      exponent = exponent * 10 + (code - ZERO);
      i++;
    }
    if (i === first || i < length) return NOT_PLAIN;
    scale += negativeExponent ? -exponent : exponent;
  }
  if (significant > EXACT_DIGITS || scale < -22 || scale > 22) {
    scannedValue[0] = Number(text);
  } else {
    const magnitude =
      scale < 0 ? mantissa / POWERS_OF_TEN[-scale]! : mantissa * POWERS_OF_TEN[scale]!;
    scannedValue[0] = negative ? -magnitude : magnitude;
  }
  return float ? PLAIN_FLOAT : PLAIN_INTEGER;
}
