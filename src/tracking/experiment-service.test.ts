import { afterEach, beforeEach, expect, it } from 'vitest';
import { expectGyreError } from '../testing/expect-gyre-error.js';
import { openTempGyre } from '../testing/temp-gyre.js';

let gyre: Awaited<ReturnType<typeof openTempGyre>>;
beforeEach(async () => {
  gyre = await openTempGyre();
});
afterEach(() => gyre.dispose());

it('never deletes the Default experiment, however its id is spelt', async () => {
  for (const id of ['0', '00', '000']) {
    await expectGyreError(
      gyre.tracking.experiments.delete(id),
      'INVALID_PARAMETER_VALUE',
      /Default experiment/,
    );
  }
  expect((await gyre.tracking.experiments.get('0')).lifecycleStage).toBe('active');
});

it('resolves a CLI argument by id first, then by name', async () => {
  const named = await gyre.tracking.experiments.create({ name: '42' });
  expect((await gyre.tracking.experiments.resolve(named.experimentId)).name).toBe('42');
  expect((await gyre.tracking.experiments.resolve('42')).experimentId).toBe(named.experimentId);
  expect((await gyre.tracking.experiments.resolve('Default')).experimentId).toBe('0');
  await expectGyreError(
    gyre.tracking.experiments.resolve('nope'),
    'RESOURCE_DOES_NOT_EXIST',
    /no experiment named 'nope'/,
  );
});
