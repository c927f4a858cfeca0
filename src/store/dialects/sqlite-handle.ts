import { createRequire } from 'node:module';
import BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';
import { GyreError } from '../../core/errors/index.js';

/**
 * The few things Gyre needs from a synchronous SQLite binding: Kysely's `SqliteDatabase`
 * (prepare, close) plus `exec`. Two bindings provide it:
 * - `better-sqlite3` (12.x), the default;
 * - Node's built-in `node:sqlite`, used where better-sqlite3 12 cannot run: from Node 24.19,
 *   `node::ObjectWrap` removes an environment cleanup hook in its destructor and aborts the
 *   process when a better-sqlite3 Statement is garbage-collected outside a JS context
 *   (nodejs/node#65446). better-sqlite3 13 avoids that but does not load on Node 20.
 * `GYRE_SQLITE_DRIVER=better-sqlite3|node:sqlite` overrides the choice.
 */
export interface SqliteHandle extends SqliteDatabase {
  exec(sql: string): void;
  readonly driver: SqliteDriverName;
}

export type SqliteDriverName = 'better-sqlite3' | 'node:sqlite';

export function defaultSqliteDriver(
  env: NodeJS.ProcessEnv = process.env,
  version = process.versions.node,
): SqliteDriverName {
  const forced = env.GYRE_SQLITE_DRIVER;
  if (forced === 'better-sqlite3' || forced === 'node:sqlite') return forced;
  if (forced)
    throw new GyreError(
      'CONFIG_INVALID',
      `GYRE_SQLITE_DRIVER must be better-sqlite3 or node:sqlite, got '${forced}'`,
    );
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major > 24 || (major === 24 && minor >= 19) ? 'node:sqlite' : 'better-sqlite3';
}

export function openSqliteHandle(
  path: string,
  driver: SqliteDriverName = defaultSqliteDriver(),
): SqliteHandle {
  if (driver === 'better-sqlite3') {
    // timeout 0: waiting for another process's lock happens asynchronously in the driver (sqlite.ts).
    const database = new BetterSqlite3(path, { timeout: 0 });
    return Object.assign(database, { driver });
  }
  return new NodeSqliteHandle(path);
}

/** The part of `node:sqlite` used here, declared structurally (its types are not in @types/node 20). */
interface NodeStatementSync {
  all(...parameters: unknown[]): unknown[];
  run(...parameters: unknown[]): { changes: number | bigint; lastInsertRowid: number | bigint };
  iterate(...parameters: unknown[]): IterableIterator<unknown>;
  columns(): unknown[];
}
interface NodeDatabaseSync {
  prepare(sql: string): NodeStatementSync;
  exec(sql: string): void;
  close(): void;
}

/** SQLite extended result codes that Gyre reacts to, by the names better-sqlite3 gives them. */
const resultCodes: Record<number, string> = {
  5: 'SQLITE_BUSY',
  517: 'SQLITE_BUSY_SNAPSHOT',
  261: 'SQLITE_BUSY_RECOVERY',
  1555: 'SQLITE_CONSTRAINT_PRIMARYKEY',
  2067: 'SQLITE_CONSTRAINT_UNIQUE',
  787: 'SQLITE_CONSTRAINT_FOREIGNKEY',
  1299: 'SQLITE_CONSTRAINT_NOTNULL',
};

class NodeSqliteHandle implements SqliteHandle {
  readonly driver = 'node:sqlite' as const;
  private readonly database: NodeDatabaseSync;

  constructor(path: string) {
    let binding: { DatabaseSync: new (path: string) => NodeDatabaseSync };
    try {
      binding = createRequire(import.meta.url)('node:sqlite') as typeof binding;
    } catch {
      throw new GyreError(
        'CONFIG_INVALID',
        `node:sqlite is not available in Node ${process.versions.node}; use GYRE_SQLITE_DRIVER=better-sqlite3`,
      );
    }
    this.database = new binding.DatabaseSync(path);
  }

  prepare(sql: string): SqliteStatement {
    const statement = named(() => this.database.prepare(sql));
    return {
      reader: statement.columns().length > 0,
      all: (parameters) => named(() => statement.all(...parameters)),
      run: (parameters) => named(() => statement.run(...parameters)),
      iterate: (parameters) => statement.iterate(...parameters),
    };
  }

  exec(sql: string): void {
    named(() => this.database.exec(sql));
  }

  close(): void {
    this.database.close();
  }
}

/** Gives node:sqlite errors better-sqlite3's `code` names, so one set of checks serves both. */
function named<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    const errcode = (error as { errcode?: number }).errcode;
    if (typeof errcode === 'number') {
      (error as { code?: string }).code =
        resultCodes[errcode] ?? resultCodes[errcode & 0xff] ?? 'SQLITE_ERROR';
    }
    throw error;
  }
}
