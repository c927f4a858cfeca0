import type { Kysely } from 'kysely';
import { notFound } from '../../../core/errors/index.js';
import type { Change } from '../../registry-model.js';
import type { ModelAliasStore } from '../../registry-store.js';
import type { Database } from '../database.js';
import type { ChangeRecorder } from './change-recorder.js';
import {
  findActiveModel,
  requireActiveModel,
  requireActiveVersion,
  touchModel,
} from './lookups.js';

export class AliasRepository implements ModelAliasStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly changes: ChangeRecorder,
    /** Lock the model row first (PostgreSQL); see lookups.ts. */
    private readonly lock: boolean,
  ) {}

  async set(name: string, alias: string, version: number, change: Change): Promise<void> {
    await this.changes.transaction(this.db, async (trx, record) => {
      const model = await requireActiveModel(trx, name, this.lock);
      const modelId = Number(model.model_id);
      const target = await requireActiveVersion(trx, model, version);
      const current = await this.current(trx, modelId, alias);
      if (current === version) return;
      await trx
        .insertInto('model_aliases')
        .values({ model_id: modelId, alias, version_id: Number(target.version_id) })
        .onConflict((oc) =>
          oc.columns(['model_id', 'alias']).doUpdateSet({ version_id: Number(target.version_id) }),
        )
        .execute();
      await touchModel(trx, modelId, change.now);
      await record(change, {
        action: 'alias.set',
        modelId,
        modelName: name,
        subject: alias,
        oldValue: current ?? null,
        newValue: version,
      });
    });
  }

  async delete(name: string, alias: string, change: Change): Promise<void> {
    await this.changes.transaction(this.db, async (trx, record) => {
      const model = await requireActiveModel(trx, name, this.lock);
      const modelId = Number(model.model_id);
      const current = await this.current(trx, modelId, alias);
      if (current === undefined)
        throw notFound(`registered model '${name}' has no alias '${alias}'`, { name, alias });
      await trx
        .deleteFrom('model_aliases')
        .where('model_id', '=', modelId)
        .where('alias', '=', alias)
        .execute();
      await touchModel(trx, modelId, change.now);
      await record(change, {
        action: 'alias.deleted',
        modelId,
        modelName: name,
        subject: alias,
        oldValue: current,
        newValue: null,
      });
    });
  }

  async get(name: string, alias: string): Promise<number | undefined> {
    const model = await findActiveModel(this.db, name);
    return model ? this.current(this.db, Number(model.model_id), alias) : undefined;
  }

  private async current(
    db: Kysely<Database>,
    modelId: number,
    alias: string,
  ): Promise<number | undefined> {
    const row = await db
      .selectFrom('model_aliases')
      .innerJoin('model_versions', 'model_versions.version_id', 'model_aliases.version_id')
      .select('model_versions.version')
      .where('model_aliases.model_id', '=', modelId)
      .where('model_aliases.alias', '=', alias)
      .executeTakeFirst();
    return row ? Number(row.version) : undefined;
  }
}
