import { GyreError } from '../../core/errors/index.js';

/**
 * What is wrong with a file, as a stable word in the error's `details.reason`: every one is an
 * INVALID_PARAMETER_VALUE (the file is the bad parameter), and callers that react differently
 * to, say, an empty file and a malformed one switch on this rather than on message text.
 */
export type SourceProblem =
  | 'empty_file'
  | 'not_a_file'
  | 'unreadable_file'
  | 'unknown_format'
  | 'invalid_utf8'
  | 'bad_column_names'
  | 'ragged_row'
  | 'unterminated_quote'
  | 'field_too_long'
  | 'malformed_json'
  | 'not_a_record'
  | 'unreadable_parquet'
  | 'unreadable_arrow'
  | 'integer_too_large';

/**
 * Every `details.reason` a tabular read or conversion can fail with: the file problems above,
 * `no_such_file` (RESOURCE_DOES_NOT_EXIST), and the conversions' `not_a_number` / `not_a_datetime`.
 */
export type TabularErrorReason = SourceProblem | 'no_such_file' | 'not_a_number' | 'not_a_datetime';

/** Where in a file a problem is; every field is optional because formats locate differently. */
export interface SourceLocation {
  /** 1-based physical line in a text file. */
  line?: number;
  /** 0-based data row (header excluded). */
  row?: number;
  column?: string;
  /** 0-based byte offset from the start of the file. */
  byteOffset?: number;
}

/**
 * A bad-input error (INVALID_PARAMETER_VALUE) whose message starts with the file, so a message
 * seen in the log of a pipeline reading many files still says which one to open. The problem and
 * location go into `details` too (`{ path, reason, line?, row?, column?, byteOffset? }`).
 */
export function sourceError(
  path: string,
  reason: SourceProblem,
  message: string,
  where: SourceLocation = {},
  cause?: unknown,
): GyreError {
  const located = Object.fromEntries(Object.entries(where).filter(([, v]) => v !== undefined));
  return new GyreError('INVALID_PARAMETER_VALUE', `${path}: ${message}`, {
    details: { path, reason, ...located },
    cause,
  });
}

/** Wraps a decoder's own failure (parquet-wasm, apache-arrow) without losing its message. */
export function decodeError(
  path: string,
  format: 'parquet' | 'arrow',
  cause: unknown,
  where?: string,
): GyreError {
  if (cause instanceof GyreError) return cause;
  const reason = cause instanceof Error ? cause.message : String(cause);
  const name = format === 'parquet' ? 'Parquet' : 'Arrow IPC';
  const at = where ? ` (${where})` : '';
  return sourceError(
    path,
    format === 'parquet' ? 'unreadable_parquet' : 'unreadable_arrow',
    `is not a readable ${name} file${at}: ${reason}`,
    {},
    cause,
  );
}
