import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { expectGyreError } from '../../testing/expect-gyre-error.js';
import { latestSchemaVersion, openStore, readDatabaseStatus } from '../open-store.js';
import { migrations } from '../migrations/index.js';
import { describeSchema } from '../testing/describe-schema.js';
import type { StoreHarness } from '../testing/store-harness.js';

export function migrationCases(h: () => StoreHarness): void {
  describe('schema migrations', () => {
    it('records the latest version and reopens without migrating again', async () => {
      expect(await readDatabaseStatus({ databaseUrl: h().url })).toMatchObject({
        current: latestSchemaVersion,
        pending: [],
      });
      const again = await h().openAnother({ autoMigrate: false });
      expect(await again.experiments.get('0')).toBeDefined();
    });

    it('upgrades a database from every earlier schema to exactly the fresh schema', async () => {
      const fresh = await describeSchema(h().store);
      for (let keep = 1; keep < migrations.length; keep += 1) {
        const url = await h().emptyDatabaseUrl();
        const old = await openStore({ databaseUrl: url, migrations: migrations.slice(0, keep) });
        expect(await readDatabaseStatus({ databaseUrl: url })).toMatchObject({
          current: migrations[keep - 1]!.version,
        });
        await old.close();
        const upgraded = await openStore({ databaseUrl: url });
        try {
          expect(await describeSchema(upgraded)).toEqual(fresh);
        } finally {
          await upgraded.close();
        }
      }
      expect(fresh.tables.length).toBeGreaterThan(10);
    });

    it('refuses a database migrated by a newer Gyre', async () => {
      await sql`insert into schema_migrations (version, name, applied_time) values (${latestSchemaVersion + 1}, 'future', 0)`.execute(
        h().store.db,
      );
      await expectGyreError(
        openStore({ databaseUrl: h().url }),
        'DATABASE_SCHEMA_TOO_NEW',
        /upgrade Gyre/,
      );
      await expectGyreError(
        readDatabaseStatus({ databaseUrl: h().url }),
        'DATABASE_SCHEMA_TOO_NEW',
      );
    });

    it('refuses an outdated schema when auto-migration is off', async () => {
      await sql`delete from schema_migrations where version = ${latestSchemaVersion}`.execute(
        h().store.db,
      );
      await expectGyreError(
        openStore({ databaseUrl: h().url, autoMigrate: false }),
        'DATABASE_SCHEMA_OUTDATED',
        /gyre db upgrade/,
      );
    });
  });
}
