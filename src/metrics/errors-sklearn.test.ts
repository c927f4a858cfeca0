import { describe, expect, it } from 'vitest';
import * as metrics from './index.js';
import { expectInvalid, loadSklearnFixture } from './testing/sklearn-fixture.js';

const { errorCases } = loadSklearnFixture();

/** Calls the Gyre function a case names, with its arguments and then its options. */
function call(metric: string, args: unknown[], options: Record<string, unknown>): unknown {
  const fn = (metrics as Record<string, unknown>)[metric];
  if (typeof fn !== 'function') throw new Error(`the fixture names an unknown metric ${metric}`);
  return (fn as (...a: unknown[]) => unknown)(...args, options);
}

describe('inputs scikit-learn 1.2.1 rejects (or answers with NaN) are INVALID_PARAMETER_VALUE', () => {
  it('has the generated cases', () => {
    expect(errorCases.length).toBeGreaterThan(30);
  });

  it.each(errorCases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const message = expectInvalid(
      () => call(c.metric, c.args, c.options),
      `${c.name} (sklearn ${c.sklearn.sklearn}: ${c.sklearn.error})`,
    );
    expect(message.length).toBeGreaterThan(10);
  });
});
