import { sql, type Kysely } from 'kysely';

export type SqlDialect = 'sqlite' | 'postgres';

/**
 * One schema change. Migrations are append-only: once released, a migration's `up` never
 * changes; a later migration corrects it. They run inside one transaction per upgrade.
 */
export interface Migration {
  version: number;
  name: string;
  // Migrations see the database as it was then, not as `Database` describes it today.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  up(db: Kysely<any>, dialect: SqlDialect): Promise<void>;
}

/**
 * Column types that differ between the dialects. PostgreSQL text uses the "C" collation so that
 * ordering and range scans compare bytes, exactly as SQLite does: results never depend on the
 * server's locale.
 */
export function columnTypes(dialect: SqlDialect) {
  return {
    bigint: dialect === 'postgres' ? ('bigint' as const) : ('integer' as const),
    double: 'double precision' as const,
    text: dialect === 'postgres' ? sql`text collate "C"` : sql`text`,
  };
}
