import { expect } from 'vitest';
import { isGyreError, type ErrorCode, type GyreError } from '../core/errors/index.js';

/**
 * Awaits `action` and checks it failed with this Gyre error code (and message pattern, if given);
 * returns the error for further checks.
 */
export async function expectGyreError(
  action: Promise<unknown> | (() => unknown),
  code: ErrorCode,
  message?: RegExp,
): Promise<GyreError> {
  let thrown: unknown;
  try {
    await (typeof action === 'function' ? action() : action);
  } catch (error) {
    thrown = error;
  }
  expect(thrown, `expected a ${code} error, but nothing was thrown`).toBeDefined();
  if (!isGyreError(thrown)) throw thrown;
  expect(thrown.code).toBe(code);
  if (message) expect(thrown.message).toMatch(message);
  return thrown;
}
