import { sql, type Kysely, type Transaction } from 'kysely';
import { notFound } from '../../../core/errors/index.js';
import type { ViewType } from '../../model.js';
import type { FilterNode, OrderTerm } from '../../query/index.js';
import type {
  Change,
  ModelStage,
  ModelVersionRecord,
  ModelVersionStatus,
} from '../../registry-model.js';
import type { ModelVersionStore, NewModelVersion } from '../../registry-store.js';
import type { ListWindow } from '../../store.js';
import { compileFilter, type FilterTarget } from '../compile-filter.js';
import { compileOrder } from '../compile-order.js';
import type { Database } from '../database.js';
import type { ChangeRecorder, RecordChange } from './change-recorder.js';
import { isUniqueViolation } from '../sql-errors.js';
import { toJsonColumn } from './json-column.js';
import {
  findActiveModel,
  requireActiveModel,
  requireActiveVersion,
  touchModel,
} from './lookups.js';
import { loadVersions, versionRows, type VersionRow } from './registry-loader.js';
import { deleteVersion, transitionStage } from './version-lifecycle.js';

export class VersionRepository implements ModelVersionStore {
  private readonly target: FilterTarget;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: 'sqlite' | 'postgres',
    private readonly changes: ChangeRecorder,
  ) {
    this.target = {
      dialect,
      owner: 'model_versions.version_id',
      entities: { tag: { table: 'model_version_tags', ownerColumn: 'version_id' } },
      attributes: {
        name: { column: 'registered_models.name' },
        version: { column: 'model_versions.version' },
        run_id: { column: 'model_versions.run_id' },
        source: { column: 'model_versions.source' },
        status: { column: 'model_versions.status' },
        stage: { column: 'model_versions.stage' },
        user_id: { column: 'model_versions.user_id' },
        digest: { column: 'model_versions.digest' },
        creation_time: { column: 'model_versions.creation_time' },
        last_update_time: { column: 'model_versions.last_update_time' },
      },
    };
  }

  async create(input: NewModelVersion, change: Change): Promise<ModelVersionRecord> {
    try {
      return await this.createOnce(input, change);
    } catch (error) {
      // Two first registrations raced to create the model; the loser now finds it and numbers after it.
      if (isUniqueViolation(error)) return this.createOnce(input, change);
      throw error;
    }
  }

  private async createOnce(input: NewModelVersion, change: Change): Promise<ModelVersionRecord> {
    const version = await this.changes.transaction(this.db, async (trx, record) => {
      const modelId = await this.modelForNewVersion(trx, input.name, change, record);
      const last = await trx
        .selectFrom('model_versions')
        .select((eb) => eb.fn.max('version').as('last'))
        .where('model_id', '=', modelId)
        .executeTakeFirst();
      const number = Number(last?.last ?? 0) + 1;
      const row = await trx
        .insertInto('model_versions')
        .values({
          model_id: modelId,
          version: number,
          source: input.source,
          run_id: input.runId,
          status: input.status,
          status_message: input.statusMessage,
          description: input.description,
          stage: 'None',
          user_id: input.userId,
          digest: input.digest,
          size: input.size,
          signature: toJsonColumn(input.signature),
          feature_schema: toJsonColumn(input.featureSchema),
          class_labels: toJsonColumn(input.classLabels),
          model_info: toJsonColumn(input.modelInfo),
          creation_time: change.now,
          last_update_time: change.now,
          lifecycle_stage: 'active',
        })
        .returning('version_id')
        .executeTakeFirstOrThrow();
      const tags = Object.entries(input.tags);
      if (tags.length > 0) {
        await trx
          .insertInto('model_version_tags')
          .values(tags.map(([key, value]) => ({ version_id: Number(row.version_id), key, value })))
          .execute();
      }
      await touchModel(trx, modelId, change.now);
      await record(change, {
        action: 'version.created',
        modelId,
        modelName: input.name,
        version: number,
        newValue: {
          source: input.source,
          run_id: input.runId,
          digest: input.digest,
          status: input.status,
        },
      });
      return number;
    });
    return (await this.get(input.name, version))!;
  }

  async get(
    name: string,
    version: number,
    options: { includeDeleted?: boolean } = {},
  ): Promise<ModelVersionRecord | undefined> {
    let query = versionRows(this.db)
      .where('registered_models.name', '=', name)
      .where('model_versions.version', '=', version);
    if (!options.includeDeleted) {
      query = query
        .where('model_versions.lifecycle_stage', '=', 'active')
        .where('registered_models.lifecycle_stage', '=', 'active');
    }
    const row = await query.orderBy('registered_models.model_id', 'desc').executeTakeFirst();
    return row ? (await loadVersions(this.db, [row]))[0] : undefined;
  }

  async latest(name: string, stage?: ModelStage): Promise<ModelVersionRecord | undefined> {
    let query = versionRows(this.db)
      .where('registered_models.name', '=', name)
      .where('registered_models.lifecycle_stage', '=', 'active')
      .where('model_versions.lifecycle_stage', '=', 'active');
    if (stage) query = query.where('model_versions.stage', '=', stage);
    const row = await query.orderBy('model_versions.version', 'desc').limit(1).executeTakeFirst();
    return row ? (await loadVersions(this.db, [row]))[0] : undefined;
  }

  async search(
    query: ListWindow & { view: ViewType; filter?: FilterNode; orderBy?: OrderTerm[] },
  ): Promise<ModelVersionRecord[]> {
    const view =
      query.view === 'ACTIVE_ONLY'
        ? sql`model_versions.lifecycle_stage = 'active' and registered_models.lifecycle_stage = 'active'`
        : query.view === 'DELETED_ONLY'
          ? sql`(model_versions.lifecycle_stage = 'deleted' or registered_models.lifecycle_stage = 'deleted')`
          : sql`1 = 1`;
    const where = [view];
    if (query.filter) where.push(compileFilter(query.filter, this.target));
    const order = compileOrder(query.orderBy ?? [], this.target, query.filter);
    const keys = [...order.keys, sql`registered_models.name asc`, sql`model_versions.version desc`];
    const { rows } =
      await sql<VersionRow>`select model_versions.*, registered_models.name from model_versions
      join registered_models on registered_models.model_id = model_versions.model_id ${sql.join(order.joins, sql` `)}
      where ${sql.join(where, sql` and `)}
      order by ${sql.join(keys)} limit ${query.limit + 1} offset ${query.offset}`.execute(this.db);
    return loadVersions(this.db, rows);
  }

  async update(
    name: string,
    version: number,
    update: { description?: string; status?: ModelVersionStatus; statusMessage?: string },
    change: Change,
  ): Promise<ModelVersionRecord> {
    await this.changes.transaction(this.db, async (trx, record) => {
      const model = await requireActiveModel(trx, name, this.dialect === 'postgres');
      const row = await requireActiveVersion(trx, model, version);
      const before = {
        description: row.description,
        status: row.status,
        status_message: row.status_message,
      };
      const after = {
        description: update.description ?? row.description,
        status: update.status ?? row.status,
        status_message: update.statusMessage ?? row.status_message,
      };
      const changed = (Object.keys(after) as (keyof typeof after)[]).filter(
        (key) => after[key] !== before[key],
      );
      if (changed.length === 0) return;
      await trx
        .updateTable('model_versions')
        .set({ ...after, last_update_time: change.now })
        .where('version_id', '=', Number(row.version_id))
        .execute();
      await record(change, {
        action: 'version.updated',
        modelId: Number(model.model_id),
        modelName: name,
        version,
        oldValue: Object.fromEntries(changed.map((key) => [key, before[key]])),
        newValue: Object.fromEntries(changed.map((key) => [key, after[key]])),
      });
    });
    return (await this.get(name, version))!;
  }

  async setTag(
    name: string,
    version: number,
    key: string,
    value: string,
    change: Change,
  ): Promise<void> {
    await this.changes.transaction(this.db, async (trx, record) => {
      const model = await requireActiveModel(trx, name, this.dialect === 'postgres');
      const versionId = Number((await requireActiveVersion(trx, model, version)).version_id);
      const old = await trx
        .selectFrom('model_version_tags')
        .select('value')
        .where('version_id', '=', versionId)
        .where('key', '=', key)
        .executeTakeFirst();
      await trx
        .insertInto('model_version_tags')
        .values({ version_id: versionId, key, value })
        .onConflict((oc) => oc.columns(['version_id', 'key']).doUpdateSet({ value }))
        .execute();
      await touchVersion(trx, versionId, change.now);
      await record(change, {
        action: 'version.tag_set',
        modelId: Number(model.model_id),
        modelName: name,
        version,
        subject: key,
        oldValue: old?.value ?? null,
        newValue: value,
      });
    });
  }

  async deleteTag(name: string, version: number, key: string, change: Change): Promise<void> {
    await this.changes.transaction(this.db, async (trx, record) => {
      const model = await requireActiveModel(trx, name, this.dialect === 'postgres');
      const versionId = Number((await requireActiveVersion(trx, model, version)).version_id);
      const old = await trx
        .selectFrom('model_version_tags')
        .select('value')
        .where('version_id', '=', versionId)
        .where('key', '=', key)
        .executeTakeFirst();
      if (!old)
        throw notFound(`version ${version} of '${name}' has no tag '${key}'`, {
          name,
          version,
          key,
        });
      await trx
        .deleteFrom('model_version_tags')
        .where('version_id', '=', versionId)
        .where('key', '=', key)
        .execute();
      await touchVersion(trx, versionId, change.now);
      await record(change, {
        action: 'version.tag_deleted',
        modelId: Number(model.model_id),
        modelName: name,
        version,
        subject: key,
        oldValue: old.value,
        newValue: null,
      });
    });
  }

  async transitionStage(
    name: string,
    version: number,
    stage: ModelStage,
    archiveExisting: boolean,
    change: Change,
  ): Promise<ModelVersionRecord> {
    await this.changes.transaction(this.db, (trx, record) =>
      transitionStage(
        trx,
        record,
        { name, version, stage, archiveExisting, lock: this.dialect === 'postgres' },
        change,
      ),
    );
    return (await this.get(name, version))!;
  }

  async delete(
    name: string,
    version: number,
    options: { force: boolean },
    change: Change,
  ): Promise<{ aliases: string[] }> {
    return this.changes.transaction(this.db, (trx, record) =>
      deleteVersion(
        trx,
        record,
        { name, version, force: options.force, lock: this.dialect === 'postgres' },
        change,
      ),
    );
  }

  /** The model the version goes to, created on first registration (as MLflow's register_model does). */
  private async modelForNewVersion(
    trx: Transaction<Database>,
    name: string,
    change: Change,
    record: RecordChange,
  ): Promise<number> {
    // Locking the model row serialises numbering (PostgreSQL; SQLite transactions are exclusive).
    const existing = await findActiveModel(trx, name, this.dialect === 'postgres');
    if (existing) return Number(existing.model_id);
    const row = await trx
      .insertInto('registered_models')
      .values({
        name,
        description: '',
        lifecycle_stage: 'active',
        creation_time: change.now,
        last_update_time: change.now,
      })
      .returning('model_id')
      .executeTakeFirstOrThrow();
    await record(change, {
      action: 'model.created',
      modelId: Number(row.model_id),
      modelName: name,
      newValue: { description: '', tags: {} },
    });
    return Number(row.model_id);
  }
}

function touchVersion(trx: Transaction<Database>, versionId: number, now: number) {
  return trx
    .updateTable('model_versions')
    .set({ last_update_time: now })
    .where('version_id', '=', versionId)
    .execute();
}
