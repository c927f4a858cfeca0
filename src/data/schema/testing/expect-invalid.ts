import { expect } from 'vitest';
import { isGyreError, type GyreError } from '../../../core/errors/index.js';

/**
 * Runs `action`, checks it threw GyreError INVALID_PARAMETER_VALUE with `details.reason` `reason`
 * and a message matching `message`, and returns the error for further checks.
 */
export async function expectInvalid(
  action: () => unknown,
  reason: string,
  message?: RegExp,
): Promise<GyreError> {
  let thrown: unknown;
  try {
    await action();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, `expected a ${reason} error, but nothing was thrown`).toBeDefined();
  if (!isGyreError(thrown)) throw thrown;
  expect(thrown.code).toBe('INVALID_PARAMETER_VALUE');
  expect(thrown.details?.reason, thrown.message).toBe(reason);
  if (message) expect(thrown.message).toMatch(message);
  return thrown;
}
