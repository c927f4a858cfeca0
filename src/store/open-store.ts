import { sql, type Kysely } from 'kysely';
import { maskUrlPassword, parseDatabaseUrl } from '../core/config/index.js';
import { GyreError, isGyreError } from '../core/errors/index.js';
import { openPostgres, postgresTarget } from './dialects/postgres.js';
import { postgresBulkWriter } from './dialects/postgres-bulk.js';
import { openSqlite } from './dialects/sqlite.js';
import { sqliteBulkWriter } from './dialects/sqlite-bulk.js';
import type { BulkWriter } from './kysely/bulk-writer.js';
import type { Database } from './kysely/database.js';
import { KyselyStore } from './kysely/kysely-store.js';
import {
  latestSchemaVersion,
  migrateToLatest,
  migrations,
  readSchemaStatus,
  type Migration,
  type SchemaStatus,
} from './migrations/index.js';

export interface OpenStoreOptions {
  /** `sqlite:PATH`, `sqlite::memory:` or `postgres://…` (optionally `?schema=NAME`). */
  databaseUrl: string;
  /** Apply pending migrations (default true); false refuses an outdated schema. */
  autoMigrate?: boolean;
  /** Directory relative SQLite paths resolve against (default: the working directory). */
  baseDir?: string;
  /** Only for tests of upgrades: migrate to the last of these instead of to the newest schema. */
  migrations?: readonly Migration[];
}

interface OpenedDatabase {
  db: Kysely<Database>;
  dialect: 'sqlite' | 'postgres';
  schema: string | undefined;
  bulk: BulkWriter;
}

/** Opens the metadata store named by a URL and brings (or checks) its schema to this version. */
export async function openStore(options: OpenStoreOptions): Promise<KyselyStore> {
  const opened = openDatabase(options);
  try {
    await reachable(opened, options.databaseUrl);
    if (opened.schema && options.autoMigrate !== false) {
      await sql`create schema if not exists ${sql.id(opened.schema)}`.execute(opened.db);
    }
    await migrateToLatest(opened.db, opened.dialect, options.migrations ?? migrations, {
      apply: options.autoMigrate !== false,
    });
  } catch (error) {
    await opened.db.destroy();
    throw error;
  }
  return new KyselyStore(opened.db, opened.dialect, opened.bulk);
}

/** Reads the schema version without migrating (for `gyre db status`). */
export async function readDatabaseStatus(
  options: OpenStoreOptions,
): Promise<SchemaStatus & { dialect: string }> {
  const opened = openDatabase(options);
  try {
    await reachable(opened, options.databaseUrl);
    return {
      ...(await readSchemaStatus(opened.db, opened.dialect, migrations)),
      dialect: opened.dialect,
    };
  } finally {
    await opened.db.destroy();
  }
}

export { latestSchemaVersion };

function openDatabase(options: OpenStoreOptions): OpenedDatabase {
  const target = parseDatabaseUrl(options.databaseUrl, options.baseDir ?? process.cwd());
  if (!target) {
    throw new GyreError(
      'CONFIG_INVALID',
      'database URL must be sqlite:PATH or postgres://user@host:port/database',
    );
  }
  if (target.dialect === 'sqlite') {
    const { db, handle } = openSqlite(target.path);
    return { db, dialect: 'sqlite', schema: undefined, bulk: sqliteBulkWriter(handle) };
  }
  const pgTarget = postgresTarget(target.url);
  return {
    db: openPostgres(pgTarget).db,
    dialect: 'postgres',
    schema: pgTarget.schema,
    bulk: postgresBulkWriter,
  };
}

async function reachable(opened: OpenedDatabase, url: string): Promise<void> {
  try {
    await sql`select 1`.execute(opened.db);
  } catch (error) {
    if (isGyreError(error)) throw error;
    const reason = (error as Error).message || String((error as { code?: string }).code ?? error);
    throw new GyreError(
      'TEMPORARILY_UNAVAILABLE',
      `cannot reach the ${opened.dialect} database ${maskUrlPassword(url)}: ${reason}`,
      {
        cause: error,
      },
    );
  }
}
