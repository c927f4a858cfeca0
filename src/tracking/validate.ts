import { invalidParameter } from '../core/errors/index.js';
import { isWellFormedText } from '../core/text/index.js';
import { runStatuses, type RunStatus } from '../store/index.js';
import { limits } from './limits.js';

const keyCharacters = /^[\p{L}\p{M}\p{N}_/.\-: ]+$/u;

/**
 * Keys of metrics, params and tags follow MLflow's rule: letters, digits, `_ - . / :` and spaces,
 * and they must not read as a different file path (`a//b`, `./a`, `a/..`, `/a`).
 */
export function validateKey(kind: string, key: unknown): string {
  if (typeof key !== 'string' || key === '')
    throw invalidParameter(`${kind} key must be a non-empty string`);
  if (!isWellFormedText(key))
    throw invalidParameter(
      `${kind} key is not valid Unicode text (invalid UTF-8 or a lone surrogate)`,
    );
  const length = characterCount(key);
  if (length > limits.keyLength) {
    throw invalidParameter(
      `${kind} key '${key.slice(0, 40)}…' has ${length} characters; the limit is ${limits.keyLength}`,
    );
  }
  if (!keyCharacters.test(key)) {
    throw invalidParameter(
      `invalid ${kind} key '${key}': keys may only contain letters, digits, underscores (_), dashes (-), periods (.), spaces and slashes (/)`,
    );
  }
  const segments = key.split('/');
  if (key.startsWith('/') || segments.some((s) => s === '' || s === '.' || s === '..')) {
    throw invalidParameter(
      `invalid ${kind} key '${key}': it must not start with '/' or contain empty, '.' or '..' path segments`,
    );
  }
  return key;
}

export function validateText(what: string, value: unknown, maxLength: number): string {
  if (typeof value !== 'string')
    throw invalidParameter(`${what} must be a string, got ${describeType(value)}`);
  if (!isWellFormedText(value))
    throw invalidParameter(`${what} is not valid Unicode text (invalid UTF-8 or a lone surrogate)`);
  const length = characterCount(value);
  if (length > maxLength)
    throw invalidParameter(`${what} has ${length} characters; the limit is ${maxLength}`);
  return value;
}

export function validateName(what: string, value: unknown, maxLength: number): string {
  const name = validateText(what, value, maxLength);
  if (name.trim() === '') throw invalidParameter(`${what} must not be empty`);
  return name;
}

export function validateMetricValue(key: string, value: unknown): number {
  if (typeof value !== 'number') {
    throw invalidParameter(
      `metric '${key}' must have a numeric value (NaN and ±Infinity are allowed), got ${describeType(value)}`,
    );
  }
  return value;
}

/** Steps and timestamps are 64-bit integers in MLflow; JavaScript holds them exactly up to 2^53. */
export function validateInteger(
  what: string,
  value: unknown,
  options: { min?: number } = {},
): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw invalidParameter(`${what} must be an integer, got ${describeType(value)}`);
  }
  if (options.min !== undefined && value < options.min)
    throw invalidParameter(`${what} must be ≥ ${options.min}, got ${value}`);
  return value;
}

export function validateRunStatus(value: unknown): RunStatus {
  if (typeof value !== 'string' || !(runStatuses as readonly string[]).includes(value)) {
    throw invalidParameter(
      `run status must be one of ${runStatuses.join(', ')}, got ${JSON.stringify(value)}`,
    );
  }
  return value as RunStatus;
}

export function validateTags(what: string, tags: unknown): Record<string, string> {
  if (tags === undefined) return {};
  if (typeof tags !== 'object' || tags === null || Array.isArray(tags))
    throw invalidParameter(`${what} must be an object of key: value strings`);
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(tags)) {
    validateKey('tag', key);
    result[key] = validateText(`tag '${key}' value`, value, limits.tagValueLength);
  }
  return result;
}

/** Characters as MLflow (Python) counts them: code points, so an emoji counts once, not twice. */
function characterCount(text: string): number {
  let surrogatePairs = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) surrogatePairs += 1;
  }
  return text.length - surrogatePairs;
}

export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number') return String(value);
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
