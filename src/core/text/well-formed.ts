const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * False when a string holds a lone UTF-16 surrogate, the trace of invalid UTF-8 or a bad
 * `\ud800` JSON escape; such text cannot be stored or sent on as UTF-8.
 * (`String.prototype.isWellFormed` is ES2024; this keeps the ES2023 library Node 20 fully has.)
 */
export function isWellFormedText(text: string): boolean {
  return !loneSurrogate.test(text);
}
