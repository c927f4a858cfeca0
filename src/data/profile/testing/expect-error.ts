import { expect } from 'vitest';
import { isGyreError, type GyreError } from '../../../core/errors/index.js';

/** Awaits `action`, checks it failed with INVALID_PARAMETER_VALUE and `details.reason`. */
export async function expectInvalid(
  action: () => Promise<unknown>,
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
  expect(thrown.details?.reason).toBe(reason);
  if (message) expect(thrown.message).toMatch(message);
  return thrown;
}
