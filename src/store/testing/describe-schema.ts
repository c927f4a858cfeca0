import { sql } from 'kysely';
import type { KyselyStore } from '../kysely/kysely-store.js';

/** Tables with their columns, and indexes, as text that two databases can be compared by. */
export async function describeSchema(
  store: KyselyStore,
): Promise<{ tables: string[]; indexes: string[] }> {
  const tables = await store.db.introspection.getTables();
  const current =
    store.dialect === 'postgres'
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(store.db))
          .rows[0]!.schema
      : undefined;
  const described = tables
    .filter((table) => current === undefined || table.schema === current)
    .map(
      (table) =>
        `${table.name}(${table.columns.map((c) => `${c.name} ${c.dataType}${c.isNullable ? '' : ' not null'}${c.isAutoIncrementing ? ' auto' : ''}`).join(', ')})`,
    )
    .sort();
  const indexes =
    store.dialect === 'postgres'
      ? (
          await sql<{
            name: string;
            definition: string;
          }>`select indexname as name, indexdef as definition from pg_indexes where schemaname = current_schema()`.execute(
            store.db,
          )
        ).rows
      : (
          await sql<{
            name: string;
            definition: string | null;
          }>`select name, sql as definition from sqlite_master where type = 'index'`.execute(
            store.db,
          )
        ).rows;
  return {
    tables: described,
    indexes: indexes
      .map(
        (index) =>
          `${index.name}: ${(index.definition ?? 'automatic').replace(/ ON [\w"]+\./, ' ON ')}`,
      )
      .sort(),
  };
}
