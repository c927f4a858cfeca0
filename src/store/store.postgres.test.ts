import { describe, it } from 'vitest';
import { describeStoreConformance } from './conformance/index.js';
import { postgresAvailability, postgresHarness } from './testing/store-harness.js';

const postgres = await postgresAvailability();
if (postgres.available) {
  describeStoreConformance('postgres', postgresHarness);
} else {
  describe.skip(`store conformance (postgres) — SKIPPED: ${postgres.reason}`, () => {
    it('needs PostgreSQL', () => {});
  });
}
