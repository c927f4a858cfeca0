import type { Kysely, Selectable, Transaction } from 'kysely';
import { notFound } from '../../../core/errors/index.js';
import type { DatasetVersionRecord } from '../../dataset-model.js';
import type { Database, DatasetTables } from '../database.js';
import { fromJsonColumn } from '../registry/json-column.js';

type Reader = Kysely<Database> | Transaction<Database>;
export type DatasetRow = Selectable<DatasetTables['datasets']>;
/** A version row without its profile, which list and lookup queries never read. */
export type VersionRow = Omit<Selectable<DatasetTables['dataset_versions']>, 'profile'>;

export const versionColumns = [
  'dataset_versions.version_id',
  'dataset_versions.dataset_id',
  'dataset_versions.version',
  'dataset_versions.digest',
  'dataset_versions.size',
  'dataset_versions.row_count',
  'dataset_versions.format',
  'dataset_versions.source',
  'dataset_versions.description',
  'dataset_versions.user_id',
  'dataset_versions.creation_time',
  'dataset_versions.schema',
  'dataset_versions.spec',
] as const;

export function datasetNotFound(name: string) {
  return notFound(`no dataset named '${name}'`, { name });
}

export function datasetVersionNotFound(name: string, version: number) {
  return notFound(`dataset '${name}' has no version ${version}`, { name, version });
}

/**
 * With `lock` (PostgreSQL) the dataset row is locked FOR UPDATE, so writes to one dataset
 * (numbering a version, moving an alias) serialise; SQLite write transactions already do.
 */
export async function findDataset(
  db: Reader,
  name: string,
  lock = false,
): Promise<DatasetRow | undefined> {
  const query = db.selectFrom('datasets').selectAll().where('name', '=', name);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

export async function touchDataset(db: Reader, datasetId: number, now: number): Promise<void> {
  await db
    .updateTable('datasets')
    .set({ last_update_time: now })
    .where('dataset_id', '=', datasetId)
    .execute();
}

/** Version rows with their tags and aliases, in the order given. */
export async function toVersionRecords(
  db: Reader,
  name: string,
  rows: VersionRow[],
): Promise<DatasetVersionRecord[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => Number(row.version_id));
  const [tags, aliases] = await Promise.all([
    db.selectFrom('dataset_version_tags').selectAll().where('version_id', 'in', ids).execute(),
    db
      .selectFrom('dataset_aliases')
      .select(['alias', 'version_id'])
      .where('version_id', 'in', ids)
      .orderBy('alias')
      .execute(),
  ]);
  return rows.map((row) => {
    const id = Number(row.version_id);
    return {
      name,
      version: Number(row.version),
      digest: row.digest,
      size: Number(row.size),
      rowCount: Number(row.row_count),
      format: row.format,
      source: row.source,
      description: row.description,
      userId: row.user_id,
      creationTime: Number(row.creation_time),
      schema: fromJsonColumn(row.schema),
      spec: fromJsonColumn(row.spec),
      tags: Object.fromEntries(
        tags.filter((tag) => Number(tag.version_id) === id).map((tag) => [tag.key, tag.value]),
      ),
      aliases: aliases.filter((a) => Number(a.version_id) === id).map((a) => a.alias),
    };
  });
}
