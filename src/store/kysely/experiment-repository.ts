import { sql, type Kysely, type Selectable } from 'kysely';
import { alreadyExists, invalidParameter, notFound } from '../../core/errors/index.js';
import type { Experiment, LifecycleStage } from '../model.js';
import type { ExperimentQuery, ExperimentStore } from '../store.js';
import { compileFilter, type FilterTarget } from './compile-filter.js';
import { compileOrder } from './compile-order.js';
import type { Database } from './database.js';
import { experimentKey } from './experiment-ids.js';
import { experimentNotFound } from './not-found.js';
import { isUniqueViolation } from './sql-errors.js';
import { viewCondition } from './view-condition.js';

type ExperimentRow = Selectable<Database['experiments']>;

export class ExperimentRepository implements ExperimentStore {
  private readonly target: FilterTarget;

  constructor(
    private readonly db: Kysely<Database>,
    dialect: 'sqlite' | 'postgres',
  ) {
    this.target = {
      dialect,
      owner: 'experiments.experiment_id',
      entities: { tag: { table: 'experiment_tags', ownerColumn: 'experiment_id' } },
      attributes: {
        name: { column: 'experiments.name' },
        experiment_id: { column: 'experiments.experiment_id', integerId: true },
        creation_time: { column: 'experiments.creation_time' },
        last_update_time: { column: 'experiments.last_update_time' },
      },
    };
  }

  async create(input: {
    name: string;
    tags?: Record<string, string>;
    now: number;
  }): Promise<Experiment> {
    try {
      const id = await this.db.transaction().execute(async (trx) => {
        const taken = await trx
          .selectFrom('experiments')
          .select(['experiment_id', 'lifecycle_stage'])
          .where('name', '=', input.name)
          .executeTakeFirst();
        if (taken) throw nameTaken(input.name, taken);
        const row = await trx
          .insertInto('experiments')
          .values({
            name: input.name,
            lifecycle_stage: 'active',
            creation_time: input.now,
            last_update_time: input.now,
          })
          .returning('experiment_id')
          .executeTakeFirstOrThrow();
        const tags = Object.entries(input.tags ?? {});
        if (tags.length > 0) {
          await trx
            .insertInto('experiment_tags')
            .values(tags.map(([key, value]) => ({ experiment_id: row.experiment_id, key, value })))
            .execute();
        }
        return row.experiment_id;
      });
      return this.require(String(id));
    } catch (error) {
      if (isUniqueViolation(error))
        throw alreadyExists(`experiment '${input.name}' already exists`, { name: input.name });
      throw error;
    }
  }

  async get(experimentId: string): Promise<Experiment | undefined> {
    const key = experimentKey(experimentId);
    if (key === undefined) return undefined;
    const row = await this.db
      .selectFrom('experiments')
      .selectAll()
      .where('experiment_id', '=', key)
      .executeTakeFirst();
    return row ? (await this.withTags([row]))[0] : undefined;
  }

  async getByName(name: string): Promise<Experiment | undefined> {
    const row = await this.db
      .selectFrom('experiments')
      .selectAll()
      .where('name', '=', name)
      .executeTakeFirst();
    return row ? (await this.withTags([row]))[0] : undefined;
  }

  async search(query: ExperimentQuery): Promise<Experiment[]> {
    const where = [viewCondition('experiments', query.view)];
    if (query.filter) where.push(compileFilter(query.filter, this.target));
    const order = compileOrder(query.orderBy ?? [], this.target, query.filter);
    const keys = [
      ...order.keys,
      sql`experiments.creation_time desc`,
      sql`experiments.experiment_id desc`,
    ];
    const { rows } =
      await sql<ExperimentRow>`select experiments.* from experiments ${sql.join(order.joins, sql` `)}
      where ${sql.join(where, sql` and `)}
      order by ${sql.join(keys)} limit ${query.limit + 1} offset ${query.offset}`.execute(this.db);
    return this.withTags(rows);
  }

  async rename(experimentId: string, name: string, now: number): Promise<Experiment> {
    const key = await this.requireKey(experimentId);
    try {
      await this.db.transaction().execute(async (trx) => {
        const taken = await trx
          .selectFrom('experiments')
          .select(['experiment_id', 'lifecycle_stage'])
          .where('name', '=', name)
          .where('experiment_id', '!=', key)
          .executeTakeFirst();
        if (taken) throw nameTaken(name, taken);
        await trx
          .updateTable('experiments')
          .set({ name, last_update_time: now })
          .where('experiment_id', '=', key)
          .execute();
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw alreadyExists(`experiment '${name}' already exists`, { name });
      throw error;
    }
    return this.require(experimentId);
  }

  async setTag(experimentId: string, key: string, value: string, now: number): Promise<void> {
    const id = await this.requireKey(experimentId);
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('experiment_tags')
        .values({ experiment_id: id, key, value })
        .onConflict((oc) => oc.columns(['experiment_id', 'key']).doUpdateSet({ value }))
        .execute();
      await trx
        .updateTable('experiments')
        .set({ last_update_time: now })
        .where('experiment_id', '=', id)
        .execute();
    });
  }

  async deleteTag(experimentId: string, key: string, now: number): Promise<void> {
    const id = await this.requireKey(experimentId);
    await this.db.transaction().execute(async (trx) => {
      const result = await trx
        .deleteFrom('experiment_tags')
        .where('experiment_id', '=', id)
        .where('key', '=', key)
        .executeTakeFirst();
      if (Number(result.numDeletedRows) === 0) {
        throw notFound(`experiment ${experimentId} has no tag '${key}'`, {
          experiment_id: experimentId,
          key,
        });
      }
      await trx
        .updateTable('experiments')
        .set({ last_update_time: now })
        .where('experiment_id', '=', id)
        .execute();
    });
  }

  async markDeleted(experimentId: string, now: number): Promise<Experiment> {
    const id = await this.requireKey(experimentId);
    await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('experiments')
        .select('lifecycle_stage')
        .where('experiment_id', '=', id)
        .executeTakeFirst();
      if (row?.lifecycle_stage === 'deleted') return;
      await trx
        .updateTable('experiments')
        .set({ lifecycle_stage: 'deleted', deleted_time: now, last_update_time: now })
        .where('experiment_id', '=', id)
        .execute();
      await trx
        .updateTable('runs')
        .set({ lifecycle_stage: 'deleted', deleted_time: now })
        .where('experiment_id', '=', id)
        .where('lifecycle_stage', '=', 'active')
        .execute();
    });
    return this.require(experimentId);
  }

  async restore(experimentId: string, now: number): Promise<Experiment> {
    const id = await this.requireKey(experimentId);
    await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('experiments')
        .select(['lifecycle_stage', 'deleted_time'])
        .where('experiment_id', '=', id)
        .executeTakeFirstOrThrow();
      if (row.lifecycle_stage !== 'deleted') {
        throw invalidParameter(
          `experiment ${experimentId} is not deleted; only deleted experiments can be restored`,
        );
      }
      await trx
        .updateTable('experiments')
        .set({ lifecycle_stage: 'active', deleted_time: null, last_update_time: now })
        .where('experiment_id', '=', id)
        .execute();
      if (row.deleted_time !== null) {
        // Runs deleted one by one before the experiment keep their own deletion.
        await trx
          .updateTable('runs')
          .set({ lifecycle_stage: 'active', deleted_time: null })
          .where('experiment_id', '=', id)
          .where('lifecycle_stage', '=', 'deleted')
          .where('deleted_time', '=', row.deleted_time)
          .execute();
      }
    });
    return this.require(experimentId);
  }

  private async requireKey(experimentId: string): Promise<number> {
    const key = experimentKey(experimentId);
    const exists =
      key !== undefined &&
      (await this.db
        .selectFrom('experiments')
        .select('experiment_id')
        .where('experiment_id', '=', key)
        .executeTakeFirst());
    if (key === undefined || !exists) throw experimentNotFound(experimentId);
    return key;
  }

  private async require(experimentId: string): Promise<Experiment> {
    const experiment = await this.get(experimentId);
    if (!experiment) throw experimentNotFound(experimentId);
    return experiment;
  }

  private async withTags(rows: ExperimentRow[]): Promise<Experiment[]> {
    if (rows.length === 0) return [];
    const tags = await this.db
      .selectFrom('experiment_tags')
      .selectAll()
      .where(
        'experiment_id',
        'in',
        rows.map((row) => Number(row.experiment_id)),
      )
      .execute();
    const byExperiment = new Map<number, Record<string, string>>();
    for (const tag of tags) {
      const id = Number(tag.experiment_id);
      const map = byExperiment.get(id) ?? {};
      map[tag.key] = tag.value;
      byExperiment.set(id, map);
    }
    return rows.map((row) => ({
      experimentId: String(row.experiment_id),
      name: row.name,
      lifecycleStage: row.lifecycle_stage as LifecycleStage,
      creationTime: Number(row.creation_time),
      lastUpdateTime: Number(row.last_update_time),
      tags: byExperiment.get(Number(row.experiment_id)) ?? {},
    }));
  }
}

function nameTaken(name: string, taken: { experiment_id: number; lifecycle_stage: string }) {
  const hint =
    taken.lifecycle_stage === 'deleted'
      ? ` (experiment ${taken.experiment_id}, deleted; restore it or choose another name)`
      : ` (experiment ${taken.experiment_id})`;
  return alreadyExists(`experiment '${name}' already exists${hint}`, {
    name,
    experiment_id: String(taken.experiment_id),
  });
}
