import type { Kysely } from 'kysely';
import { notFound } from '../../../core/errors/index.js';
import type { Database } from '../database.js';
import {
  datasetNotFound,
  datasetVersionNotFound,
  findDataset,
  touchDataset,
} from './dataset-rows.js';

/** Aliases of dataset versions: one name per dataset pointing at one version, movable. */
export class DatasetAliases {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly lock: boolean,
  ) {}

  async set(name: string, alias: string, version: number, now: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const dataset = await findDataset(trx, name, this.lock);
      if (!dataset) throw datasetNotFound(name);
      const datasetId = Number(dataset.dataset_id);
      const target = await trx
        .selectFrom('dataset_versions')
        .select('version_id')
        .where('dataset_id', '=', datasetId)
        .where('version', '=', version)
        .executeTakeFirst();
      if (!target) throw datasetVersionNotFound(name, version);
      const versionId = Number(target.version_id);
      await trx
        .insertInto('dataset_aliases')
        .values({ dataset_id: datasetId, alias, version_id: versionId })
        .onConflict((oc) =>
          oc.columns(['dataset_id', 'alias']).doUpdateSet({ version_id: versionId }),
        )
        .execute();
      await touchDataset(trx, datasetId, now);
    });
  }

  async delete(name: string, alias: string, now: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const dataset = await findDataset(trx, name, this.lock);
      if (!dataset) throw datasetNotFound(name);
      const datasetId = Number(dataset.dataset_id);
      const deleted = await trx
        .deleteFrom('dataset_aliases')
        .where('dataset_id', '=', datasetId)
        .where('alias', '=', alias)
        .executeTakeFirst();
      if (Number(deleted.numDeletedRows) === 0)
        throw notFound(`dataset '${name}' has no alias '${alias}'`, { name, alias });
      await touchDataset(trx, datasetId, now);
    });
  }

  async get(name: string, alias: string): Promise<number | undefined> {
    const row = await this.db
      .selectFrom('dataset_aliases')
      .innerJoin('datasets', 'datasets.dataset_id', 'dataset_aliases.dataset_id')
      .innerJoin('dataset_versions', 'dataset_versions.version_id', 'dataset_aliases.version_id')
      .select('dataset_versions.version')
      .where('datasets.name', '=', name)
      .where('dataset_aliases.alias', '=', alias)
      .executeTakeFirst();
    return row ? Number(row.version) : undefined;
  }

  /** alias → version per dataset id. */
  async forDatasets(ids: number[]): Promise<Map<number, Record<string, number>>> {
    const result = new Map<number, Record<string, number>>();
    if (ids.length === 0) return result;
    const rows = await this.db
      .selectFrom('dataset_aliases')
      .innerJoin('dataset_versions', 'dataset_versions.version_id', 'dataset_aliases.version_id')
      .select(['dataset_aliases.dataset_id', 'dataset_aliases.alias', 'dataset_versions.version'])
      .where('dataset_aliases.dataset_id', 'in', ids)
      .orderBy('dataset_aliases.alias')
      .execute();
    for (const row of rows) {
      const id = Number(row.dataset_id);
      result.set(id, { ...result.get(id), [row.alias]: Number(row.version) });
    }
    return result;
  }
}
