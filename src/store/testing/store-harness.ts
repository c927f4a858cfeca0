import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { KyselyStore } from '../kysely/kysely-store.js';
import { openStore } from '../open-store.js';

/** A fresh, empty database for one test, plus ways to reach it as another process would. */
export interface StoreHarness {
  dialect: 'sqlite' | 'postgres';
  store: KyselyStore;
  /** The database URL, for tests that open it themselves (migrations, other processes). */
  url: string;
  /** A second independent connection to the same database. Closed by `dispose`. */
  openAnother(options?: { autoMigrate?: boolean }): Promise<KyselyStore>;
  /** The URL of another, empty database of the same dialect (for upgrade tests); dropped by `dispose`. */
  emptyDatabaseUrl(): Promise<string>;
  dispose(): Promise<void>;
}

export type StoreHarnessFactory = () => Promise<StoreHarness>;

interface EmptyDatabase {
  url: string;
  drop(): Promise<void>;
}

function sqliteDatabase(): Promise<EmptyDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'gyre-store-'));
  return Promise.resolve({
    url: `sqlite:${join(dir, 'gyre.db')}`,
    drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
  });
}

export const testPostgresUrl =
  process.env.GYRE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Each database is its own PostgreSQL schema, so parallel test files and concurrent CI runs
 * never see each other's rows; the schema is dropped afterwards.
 */
function postgresDatabase(): Promise<EmptyDatabase> {
  const schema = `gyre_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const separator = testPostgresUrl.includes('?') ? '&' : '?';
  return Promise.resolve({
    url: `${testPostgresUrl}${separator}schema=${schema}`,
    async drop() {
      const client = new pg.Client({ connectionString: testPostgresUrl });
      await client.connect();
      try {
        await client.query(`drop schema if exists "${schema}" cascade`);
      } finally {
        await client.end();
      }
    },
  });
}

export const sqliteHarness: StoreHarnessFactory = () => harness('sqlite', sqliteDatabase);
export const postgresHarness: StoreHarnessFactory = () => harness('postgres', postgresDatabase);

async function harness(
  dialect: 'sqlite' | 'postgres',
  newDatabase: () => Promise<EmptyDatabase>,
): Promise<StoreHarness> {
  const main = await newDatabase();
  const databases = [main];
  const store = await openStore({ databaseUrl: main.url });
  const others: KyselyStore[] = [];
  return {
    dialect,
    store,
    url: main.url,
    async openAnother(options = {}) {
      const other = await openStore({ databaseUrl: main.url, ...options });
      others.push(other);
      return other;
    },
    async emptyDatabaseUrl() {
      const database = await newDatabase();
      databases.push(database);
      return database.url;
    },
    async dispose() {
      await Promise.all([store, ...others].map((s) => s.close()));
      await Promise.all(databases.map((d) => d.drop()));
    },
  };
}

/**
 * Whether the PostgreSQL tests can run. Unreachable PostgreSQL skips them with a visible line,
 * unless GYRE_REQUIRE_PG=1, where it is a failure (CI must not pass by skipping).
 */
export async function postgresAvailability(): Promise<
  { available: true } | { available: false; reason: string }
> {
  const client = new pg.Client({
    connectionString: testPostgresUrl,
    connectionTimeoutMillis: 3000,
  });
  try {
    await client.connect();
    await client.query('select 1');
    return { available: true };
  } catch (error) {
    const reason = `PostgreSQL unreachable at ${testPostgresUrl}: ${(error as Error).message}`;
    if (process.env.GYRE_REQUIRE_PG === '1')
      throw new Error(`${reason} (GYRE_REQUIRE_PG=1 forbids skipping)`);
    console.warn(`SKIPPED: PostgreSQL store tests — ${reason}`);
    return { available: false, reason };
  } finally {
    await client.end().catch(() => {});
  }
}
