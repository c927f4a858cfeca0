import { sql, type Kysely, type Transaction } from 'kysely';
import { GyreError } from '../../core/errors/index.js';
import type { Migration, SqlDialect } from './migration.js';

export interface SchemaStatus {
  current: number;
  latest: number;
  pending: Migration[];
}

/** Arbitrary constant that names Gyre's migration lock among PostgreSQL advisory locks. */
const MIGRATION_LOCK = 872301;

/**
 * Brings the schema to the newest version, one transaction for all pending migrations, under a
 * lock so that several processes starting at once migrate exactly once. A database that a newer
 * Gyre has migrated is refused rather than half-understood.
 */
export async function migrateToLatest(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  db: Kysely<any>,
  dialect: SqlDialect,
  migrations: readonly Migration[],
  options: { apply: boolean },
): Promise<{ applied: Migration[]; status: SchemaStatus }> {
  return db.transaction().execute(async (trx) => {
    if (dialect === 'postgres') {
      await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK}, hashtext(current_schema()))`.execute(
        trx,
      );
    }
    await trx.schema
      .createTable('schema_migrations')
      .ifNotExists()
      .addColumn('version', 'integer', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('applied_time', dialect === 'postgres' ? 'bigint' : 'integer', (c) => c.notNull())
      .execute();
    const status = await statusWithin(trx, migrations);
    if (status.pending.length > 0 && !options.apply) {
      throw new GyreError(
        'DATABASE_SCHEMA_OUTDATED',
        `database schema is at version ${status.current} and this Gyre needs ${status.latest}; run \`gyre db upgrade\` (or enable auto_migrate)`,
      );
    }
    for (const migration of status.pending) {
      await migration.up(trx, dialect);
      await trx
        .insertInto('schema_migrations')
        .values({ version: migration.version, name: migration.name, applied_time: Date.now() })
        .execute();
    }
    return { applied: status.pending, status: { ...status, current: status.latest, pending: [] } };
  });
}

/** Reads the schema version without changing anything (`gyre db status`). */
export async function readSchemaStatus(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  db: Kysely<any>,
  dialect: SqlDialect,
  migrations: readonly Migration[],
): Promise<SchemaStatus> {
  const probe =
    dialect === 'postgres'
      ? sql<{ found: string | null }>`select to_regclass('schema_migrations')::text as found`
      : sql<{
          found: string | null;
        }>`select name as found from sqlite_master where type = 'table' and name = 'schema_migrations'`;
  const { rows } = await probe.execute(db);
  if (!rows[0]?.found) {
    const latest = migrations.at(-1)?.version ?? 0;
    return { current: 0, latest, pending: [...migrations] };
  }
  return statusWithin(db, migrations);
}

async function statusWithin(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  db: Kysely<any> | Transaction<any>,
  migrations: readonly Migration[],
): Promise<SchemaStatus> {
  const rows = (await db.selectFrom('schema_migrations').select('version').execute()) as {
    version: number;
  }[];
  const applied = new Set(rows.map((row) => Number(row.version)));
  const current = Math.max(0, ...applied);
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new GyreError(
      'DATABASE_SCHEMA_TOO_NEW',
      `database schema is at version ${current}, newer than this Gyre understands (${latest}); upgrade Gyre instead of opening it with an older release`,
    );
  }
  return {
    current,
    latest,
    pending: migrations.filter((migration) => !applied.has(migration.version)),
  };
}
