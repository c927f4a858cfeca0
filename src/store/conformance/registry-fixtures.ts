import type { Change } from '../registry-model.js';
import type { NewModelVersion } from '../registry-store.js';

/** Registry cases' clock: every change happens at a known offset from T0. */
export const T0 = 1_800_000_000_000;

/** A registry change made `n` ms after T0. */
export const at = (n: number, actor = 'alice'): Change => ({ now: T0 + n, actor });

export function newVersionInput(overrides: Partial<NewModelVersion> = {}): NewModelVersion {
  return {
    name: 'm',
    source: 'runs:/0123/model',
    runId: null,
    status: 'READY',
    statusMessage: '',
    description: '',
    userId: 'alice',
    digest: 'a'.repeat(64),
    size: 1234,
    signature: null,
    featureSchema: null,
    classLabels: null,
    modelInfo: null,
    tags: {},
    ...overrides,
  };
}
