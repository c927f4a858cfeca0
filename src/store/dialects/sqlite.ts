import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  CompiledQuery,
  Kysely,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
} from 'kysely';
import { GyreError } from '../../core/errors/index.js';
import type { Database } from '../kysely/database.js';
import { openSqliteHandle, type SqliteHandle } from './sqlite-handle.js';

/** How long a statement keeps retrying while another process holds the write lock. */
const LOCK_WAIT_MS = 15_000;

/**
 * Two rules for sharing one SQLite file between processes (server, CLI, workers):
 * - Transactions start with BEGIN IMMEDIATE, taking the write lock up front, so a
 *   read-then-write transaction never fails trying to upgrade its lock.
 * - Waiting for the lock happens here, asynchronously, instead of in SQLite's busy handler:
 *   the bindings are synchronous, and a busy handler would freeze the whole event loop.
 */
class SharedFileSqliteDriver extends SqliteDriver {
  override async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await super.acquireConnection();
    return {
      executeQuery: (query) => retryWhileLocked(() => connection.executeQuery(query)),
      streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
    };
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

async function retryWhileLocked<T>(run: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (let delay = 1; ; delay = Math.min(delay * 2, 50)) {
    try {
      return await run();
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      if (!code.startsWith('SQLITE_BUSY') || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

class SharedFileSqliteDialect extends SqliteDialect {
  constructor(private readonly database: SqliteHandle) {
    super({ database });
  }

  override createDriver(): Driver {
    return new SharedFileSqliteDriver({ database: this.database });
  }
}

export function openSqlite(path: string): { db: Kysely<Database>; handle: SqliteHandle } {
  let handle: SqliteHandle;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    handle = openSqliteHandle(path);
    if (path !== ':memory:') handle.exec('pragma journal_mode = WAL');
    // FULL: a commit that was acknowledged survives power loss, not only a process crash.
    handle.exec('pragma synchronous = FULL');
    handle.exec('pragma foreign_keys = ON');
    handle.exec('pragma busy_timeout = 0');
  } catch (error) {
    throw new GyreError(
      'TEMPORARILY_UNAVAILABLE',
      `cannot open SQLite database ${path}: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  return { db: new Kysely<Database>({ dialect: new SharedFileSqliteDialect(handle) }), handle };
}
