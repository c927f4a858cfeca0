import type { Kysely } from 'kysely';
import type { DatasetStore } from '../../dataset-store.js';
import type {
  DatasetSummary,
  DatasetVersionRecord,
  NewDatasetVersion,
} from '../../dataset-model.js';
import type { ListWindow } from '../../store.js';
import type { Database } from '../database.js';
import { fromJsonColumn, toJsonColumn } from '../registry/json-column.js';
import { isUniqueViolation } from '../sql-errors.js';
import { DatasetAliases } from './dataset-aliases.js';
import { findDataset, toVersionRecords, touchDataset, versionColumns } from './dataset-rows.js';

export class DatasetRepository implements DatasetStore {
  private readonly aliases: DatasetAliases;

  constructor(
    private readonly db: Kysely<Database>,
    /** Lock the dataset row first (PostgreSQL); see dataset-rows.ts. */
    private readonly lock: boolean,
  ) {
    this.aliases = new DatasetAliases(db, lock);
  }

  async createVersion(
    input: NewDatasetVersion,
    now: number,
  ): Promise<{ version: DatasetVersionRecord; created: boolean }> {
    try {
      return await this.createOnce(input, now);
    } catch (error) {
      // Two first versions raced to create the dataset; the loser now finds it and numbers after it.
      if (isUniqueViolation(error)) return this.createOnce(input, now);
      throw error;
    }
  }

  private async createOnce(
    input: NewDatasetVersion,
    now: number,
  ): Promise<{ version: DatasetVersionRecord; created: boolean }> {
    const spec = toJsonColumn(input.spec);
    const outcome = await this.db.transaction().execute(async (trx) => {
      const existing = await findDataset(trx, input.name, this.lock);
      const datasetId = existing
        ? Number(existing.dataset_id)
        : Number(
            (
              await trx
                .insertInto('datasets')
                .values({ name: input.name, creation_time: now, last_update_time: now })
                .returning('dataset_id')
                .executeTakeFirstOrThrow()
            ).dataset_id,
          );
      const same = await trx
        .selectFrom('dataset_versions')
        .select(['version', 'spec'])
        .where('dataset_id', '=', datasetId)
        .where('digest', '=', input.digest)
        .orderBy('version', 'desc')
        .execute();
      const match = same.find((row) => row.spec === spec);
      if (match) return { number: Number(match.version), created: false };
      const last = await trx
        .selectFrom('dataset_versions')
        .select((eb) => eb.fn.max('version').as('last'))
        .where('dataset_id', '=', datasetId)
        .executeTakeFirst();
      const number = Number(last?.last ?? 0) + 1;
      const row = await trx
        .insertInto('dataset_versions')
        .values({
          dataset_id: datasetId,
          version: number,
          digest: input.digest,
          size: input.size,
          row_count: input.rowCount,
          format: input.format,
          source: input.source,
          description: input.description,
          user_id: input.userId,
          creation_time: now,
          schema: JSON.stringify(input.schema),
          profile: JSON.stringify(input.profile),
          spec,
        })
        .returning('version_id')
        .executeTakeFirstOrThrow();
      const tags = Object.entries(input.tags);
      if (tags.length > 0) {
        await trx
          .insertInto('dataset_version_tags')
          .values(tags.map(([key, value]) => ({ version_id: Number(row.version_id), key, value })))
          .execute();
      }
      await touchDataset(trx, datasetId, now);
      return { number, created: true };
    });
    return { version: (await this.get(input.name, outcome.number))!, created: outcome.created };
  }

  async get(name: string, version: number): Promise<DatasetVersionRecord | undefined> {
    const row = await this.versionQuery(name).where('version', '=', version).executeTakeFirst();
    return row ? (await toVersionRecords(this.db, name, [row]))[0] : undefined;
  }

  async latest(name: string): Promise<DatasetVersionRecord | undefined> {
    const row = await this.versionQuery(name)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? (await toVersionRecords(this.db, name, [row]))[0] : undefined;
  }

  async profile(name: string, version: number): Promise<unknown> {
    const row = await this.db
      .selectFrom('dataset_versions')
      .innerJoin('datasets', 'datasets.dataset_id', 'dataset_versions.dataset_id')
      .select('dataset_versions.profile')
      .where('datasets.name', '=', name)
      .where('dataset_versions.version', '=', version)
      .executeTakeFirst();
    return row ? fromJsonColumn(row.profile) : undefined;
  }

  async list(window: ListWindow): Promise<DatasetSummary[]> {
    const rows = await this.db
      .selectFrom('datasets')
      .innerJoin('dataset_versions', 'dataset_versions.dataset_id', 'datasets.dataset_id')
      .select((eb) => [
        'datasets.dataset_id',
        'datasets.name',
        'datasets.creation_time',
        'datasets.last_update_time',
        eb.fn.max('dataset_versions.version').as('latest'),
        eb.fn.countAll().as('count'),
      ])
      .groupBy([
        'datasets.dataset_id',
        'datasets.name',
        'datasets.creation_time',
        'datasets.last_update_time',
      ])
      .orderBy('datasets.name')
      .offset(window.offset)
      .limit(window.limit + 1)
      .execute();
    const aliases = await this.aliases.forDatasets(rows.map((row) => Number(row.dataset_id)));
    return rows.map((row) => ({
      name: row.name,
      creationTime: Number(row.creation_time),
      lastUpdateTime: Number(row.last_update_time),
      latestVersion: Number(row.latest),
      versionCount: Number(row.count),
      aliases: aliases.get(Number(row.dataset_id)) ?? {},
    }));
  }

  async versions(name: string, window: ListWindow): Promise<DatasetVersionRecord[]> {
    const rows = await this.versionQuery(name)
      .orderBy('version', 'desc')
      .offset(window.offset)
      .limit(window.limit + 1)
      .execute();
    return toVersionRecords(this.db, name, rows);
  }

  async withDigest(digest: string): Promise<{ name: string; version: number }[]> {
    const rows = await this.db
      .selectFrom('dataset_versions')
      .innerJoin('datasets', 'datasets.dataset_id', 'dataset_versions.dataset_id')
      .select(['datasets.name', 'dataset_versions.version'])
      .where('dataset_versions.digest', '=', digest)
      .orderBy('dataset_versions.creation_time')
      .orderBy('dataset_versions.version_id')
      .execute();
    return rows.map((row) => ({ name: row.name, version: Number(row.version) }));
  }

  setAlias(name: string, alias: string, version: number, now: number): Promise<void> {
    return this.aliases.set(name, alias, version, now);
  }

  deleteAlias(name: string, alias: string, now: number): Promise<void> {
    return this.aliases.delete(name, alias, now);
  }

  alias(name: string, alias: string): Promise<number | undefined> {
    return this.aliases.get(name, alias);
  }

  private versionQuery(name: string) {
    return this.db
      .selectFrom('dataset_versions')
      .innerJoin('datasets', 'datasets.dataset_id', 'dataset_versions.dataset_id')
      .select(versionColumns)
      .where('datasets.name', '=', name);
  }
}
