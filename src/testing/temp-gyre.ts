import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openGyre, type Gyre } from '../app/index.js';
import { loadConfig, type GyreConfig } from '../core/config/index.js';
import { silentLogger } from '../core/logging/index.js';

/** A Gyre over a fresh SQLite file and artifact directory in a temp dir, removed by `dispose`. */
export async function openTempGyre(
  overrides: Partial<GyreConfig> = {},
): Promise<Gyre & { dispose(): Promise<void> }> {
  const home = mkdtempSync(join(tmpdir(), 'gyre-test-'));
  const { config } = loadConfig({ env: {}, cwd: home, flags: { home } });
  const gyre = await openGyre({ ...config, ...overrides }, { logger: silentLogger() });
  return Object.assign(gyre, {
    async dispose() {
      await gyre.close();
      rmSync(home, { recursive: true, force: true });
    },
  });
}
