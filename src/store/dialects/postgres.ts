import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { maskUrlPassword } from '../../core/config/index.js';
import { GyreError } from '../../core/errors/index.js';
import type { Database } from '../kysely/database.js';

const INT8_OID = 20;

/** Timestamps and ids are bigint columns; JavaScript numbers hold them exactly up to 2^53. */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
    if (oid === INT8_OID) return (value: string) => Number(value);
    return format === 'binary'
      ? (pg.types.getTypeParser(oid, 'binary') as (value: string) => unknown)
      : (pg.types.getTypeParser(oid, 'text') as (value: string) => unknown);
  },
};

export interface PostgresTarget {
  url: string;
  /** Schema to create the tables in (`search_path`); from `?schema=` in the URL or given here. */
  schema: string | undefined;
}

/** Splits Gyre's `?schema=NAME` out of a connection URL (pg itself does not know it). */
export function postgresTarget(url: string, schema?: string): PostgresTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new GyreError(
      'CONFIG_INVALID',
      `database URL ${maskUrlPassword(url)} is not a valid URL`,
    );
  }
  const chosen = schema ?? parsed.searchParams.get('schema') ?? undefined;
  parsed.searchParams.delete('schema');
  if (chosen !== undefined && !/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(chosen)) {
    throw new GyreError(
      'CONFIG_INVALID',
      `PostgreSQL schema ${JSON.stringify(chosen)} must be letters, digits and _ (max 63)`,
    );
  }
  return { url: parsed.toString(), schema: chosen };
}

export function openPostgres(
  target: PostgresTarget,
  maxConnections = 10,
): { db: Kysely<Database>; pool: pg.Pool } {
  const pool = new pg.Pool({
    connectionString: target.url,
    max: maxConnections,
    types,
    connectionTimeoutMillis: 10_000,
    ...(target.schema ? { options: `-c search_path=${target.schema}` } : {}),
  });
  // An idle client that loses its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), pool };
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
