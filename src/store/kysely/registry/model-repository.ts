import { sql, type Kysely } from 'kysely';
import { alreadyExists, GyreError, notFound } from '../../../core/errors/index.js';
import type { ViewType } from '../../model.js';
import type { FilterNode, OrderTerm } from '../../query/index.js';
import type { Change, RegisteredModel } from '../../registry-model.js';
import type { ModelStore } from '../../registry-store.js';
import type { ListWindow } from '../../store.js';
import { compileFilter, type FilterTarget } from '../compile-filter.js';
import { compileOrder } from '../compile-order.js';
import type { Database } from '../database.js';
import { isUniqueViolation } from '../sql-errors.js';
import { viewCondition } from '../view-condition.js';
import type { ChangeRecorder } from './change-recorder.js';
import {
  findActiveModel,
  findModelIncludingDeleted,
  requireActiveModel,
  touchModel,
} from './lookups.js';
import { loadModels, type ModelRow } from './registry-loader.js';

export class ModelRepository implements ModelStore {
  private readonly target: FilterTarget;

  private readonly lock: boolean;

  constructor(
    private readonly db: Kysely<Database>,
    dialect: 'sqlite' | 'postgres',
    private readonly changes: ChangeRecorder,
  ) {
    this.lock = dialect === 'postgres';
    this.target = {
      dialect,
      owner: 'registered_models.model_id',
      entities: { tag: { table: 'registered_model_tags', ownerColumn: 'model_id' } },
      attributes: {
        name: { column: 'registered_models.name' },
        description: { column: 'registered_models.description' },
        creation_time: { column: 'registered_models.creation_time' },
        last_update_time: { column: 'registered_models.last_update_time' },
      },
    };
  }

  async create(
    input: { name: string; description?: string; tags?: Record<string, string> },
    change: Change,
  ): Promise<RegisteredModel> {
    try {
      await this.changes.transaction(this.db, async (trx, record) => {
        if (await findActiveModel(trx, input.name)) throw taken(input.name);
        const row = await trx
          .insertInto('registered_models')
          .values({
            name: input.name,
            description: input.description ?? '',
            lifecycle_stage: 'active',
            creation_time: change.now,
            last_update_time: change.now,
          })
          .returning('model_id')
          .executeTakeFirstOrThrow();
        const tags = Object.entries(input.tags ?? {});
        if (tags.length > 0) {
          await trx
            .insertInto('registered_model_tags')
            .values(tags.map(([key, value]) => ({ model_id: Number(row.model_id), key, value })))
            .execute();
        }
        await record(change, {
          action: 'model.created',
          modelId: Number(row.model_id),
          modelName: input.name,
          newValue: { description: input.description ?? '', tags: input.tags ?? {} },
        });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw taken(input.name);
      throw error;
    }
    return (await this.get(input.name))!;
  }

  async get(
    name: string,
    options: { includeDeleted?: boolean } = {},
  ): Promise<RegisteredModel | undefined> {
    const row = options.includeDeleted
      ? await findModelIncludingDeleted(this.db, name)
      : await findActiveModel(this.db, name);
    return row ? (await loadModels(this.db, [row]))[0] : undefined;
  }

  async search(
    query: ListWindow & { view: ViewType; filter?: FilterNode; orderBy?: OrderTerm[] },
  ): Promise<RegisteredModel[]> {
    const where = [viewCondition('registered_models', query.view)];
    if (query.filter) where.push(compileFilter(query.filter, this.target));
    const order = compileOrder(query.orderBy ?? [], this.target, query.filter);
    const keys = [
      ...order.keys,
      sql`registered_models.name asc`,
      sql`registered_models.model_id desc`,
    ];
    const { rows } =
      await sql<ModelRow>`select registered_models.* from registered_models ${sql.join(order.joins, sql` `)}
      where ${sql.join(where, sql` and `)}
      order by ${sql.join(keys)} limit ${query.limit + 1} offset ${query.offset}`.execute(this.db);
    return loadModels(this.db, rows);
  }

  async update(
    name: string,
    update: { description?: string },
    change: Change,
  ): Promise<RegisteredModel> {
    await this.changes.transaction(this.db, async (trx, record) => {
      const model = await requireActiveModel(trx, name, this.lock);
      if (update.description === undefined || update.description === model.description) return;
      await trx
        .updateTable('registered_models')
        .set({ description: update.description, last_update_time: change.now })
        .where('model_id', '=', Number(model.model_id))
        .execute();
      await record(change, {
        action: 'model.updated',
        modelId: Number(model.model_id),
        modelName: name,
        oldValue: { description: model.description },
        newValue: { description: update.description },
      });
    });
    return (await this.get(name))!;
  }

  async rename(name: string, newName: string, change: Change): Promise<RegisteredModel> {
    try {
      await this.changes.transaction(this.db, async (trx, record) => {
        const model = await requireActiveModel(trx, name, this.lock);
        if (newName === name) return;
        if (await findActiveModel(trx, newName)) throw taken(newName);
        await trx
          .updateTable('registered_models')
          .set({ name: newName, last_update_time: change.now })
          .where('model_id', '=', Number(model.model_id))
          .execute();
        await record(change, {
          action: 'model.renamed',
          modelId: Number(model.model_id),
          modelName: newName,
          oldValue: name,
          newValue: newName,
        });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw taken(newName);
      throw error;
    }
    return (await this.get(newName))!;
  }

  async setTag(name: string, key: string, value: string, change: Change): Promise<void> {
    await this.changes.transaction(this.db, async (trx, record) => {
      const model = await requireActiveModel(trx, name, this.lock);
      const modelId = Number(model.model_id);
      const old = await trx
        .selectFrom('registered_model_tags')
        .select('value')
        .where('model_id', '=', modelId)
        .where('key', '=', key)
        .executeTakeFirst();
      await trx
        .insertInto('registered_model_tags')
        .values({ model_id: modelId, key, value })
        .onConflict((oc) => oc.columns(['model_id', 'key']).doUpdateSet({ value }))
        .execute();
      await touchModel(trx, modelId, change.now);
      await record(change, {
        action: 'model.tag_set',
        modelId,
        modelName: name,
        subject: key,
        oldValue: old?.value ?? null,
        newValue: value,
      });
    });
  }

  async deleteTag(name: string, key: string, change: Change): Promise<void> {
    await this.changes.transaction(this.db, async (trx, record) => {
      const model = await requireActiveModel(trx, name, this.lock);
      const modelId = Number(model.model_id);
      const old = await trx
        .selectFrom('registered_model_tags')
        .select('value')
        .where('model_id', '=', modelId)
        .where('key', '=', key)
        .executeTakeFirst();
      if (!old) throw notFound(`registered model '${name}' has no tag '${key}'`, { name, key });
      await trx
        .deleteFrom('registered_model_tags')
        .where('model_id', '=', modelId)
        .where('key', '=', key)
        .execute();
      await touchModel(trx, modelId, change.now);
      await record(change, {
        action: 'model.tag_deleted',
        modelId,
        modelName: name,
        subject: key,
        oldValue: old.value,
        newValue: null,
      });
    });
  }

  async delete(
    name: string,
    options: { force: boolean },
    change: Change,
  ): Promise<{ versions: number[]; aliases: string[] }> {
    return this.changes.transaction(this.db, async (trx, record) => {
      const model = await requireActiveModel(trx, name, this.lock);
      const modelId = Number(model.model_id);
      const versions = (
        await trx
          .selectFrom('model_versions')
          .select('version')
          .where('model_id', '=', modelId)
          .where('lifecycle_stage', '=', 'active')
          .orderBy('version')
          .execute()
      ).map((row) => Number(row.version));
      const aliasRows = await trx
        .selectFrom('model_aliases')
        .innerJoin('model_versions', 'model_versions.version_id', 'model_aliases.version_id')
        .select(['model_aliases.alias', 'model_versions.version'])
        .where('model_aliases.model_id', '=', modelId)
        .orderBy('model_aliases.alias')
        .execute();
      const aliases = aliasRows.map((row) => row.alias);
      if ((versions.length > 0 || aliases.length > 0) && !options.force) {
        const what = [
          versions.length > 0 ? `versions ${versions.join(', ')}` : '',
          aliases.length > 0 ? `aliases ${aliases.join(', ')}` : '',
        ].filter(Boolean);
        throw new GyreError(
          'RESOURCE_CONFLICT',
          `registered model '${name}' still has ${what.join(' and ')}; delete it with force to delete them too`,
          { details: { name, versions, aliases } },
        );
      }
      // One event per alias and version, as their own deletes would write: followers of an alias
      // (serving replicas) learn it is gone without knowing about model deletion.
      for (const row of aliasRows) {
        await record(change, {
          action: 'alias.deleted',
          modelId,
          modelName: name,
          subject: row.alias,
          oldValue: Number(row.version),
          newValue: null,
        });
      }
      for (const version of versions) {
        await record(change, {
          action: 'version.deleted',
          modelId,
          modelName: name,
          version,
          oldValue: {
            aliases: aliasRows.filter((r) => Number(r.version) === version).map((r) => r.alias),
          },
          newValue: null,
        });
      }
      await trx.deleteFrom('model_aliases').where('model_id', '=', modelId).execute();
      await trx
        .updateTable('model_versions')
        .set({ lifecycle_stage: 'deleted', deleted_time: change.now, last_update_time: change.now })
        .where('model_id', '=', modelId)
        .where('lifecycle_stage', '=', 'active')
        .execute();
      await trx
        .updateTable('registered_models')
        .set({ lifecycle_stage: 'deleted', deleted_time: change.now, last_update_time: change.now })
        .where('model_id', '=', modelId)
        .execute();
      await record(change, {
        action: 'model.deleted',
        modelId,
        modelName: name,
        oldValue: { versions, aliases },
        newValue: null,
      });
      return { versions, aliases };
    });
  }
}

function taken(name: string) {
  return alreadyExists(`a registered model named '${name}' already exists`, { name });
}
