import { sql, type Kysely } from 'kysely';
import { invalidParameter, notFound } from '../../core/errors/index.js';
import type { MetricPoint, Run, RunInfo } from '../model.js';
import type { RunInput } from '../registry-model.js';
import type { ListWindow, NewRun, RunBatch, RunQuery, RunStore, RunUpdate } from '../store.js';
import type { BulkWriter } from './bulk-writer.js';
import type { Database } from './database.js';
import { experimentKey } from './experiment-ids.js';
import { experimentNotFound, runNotFound } from './not-found.js';
import { decodeMetricRow } from './metric-values.js';
import { writeRunBatch } from './run-batch-writer.js';
import { loadRuns, toRunInfo } from './run-loader.js';
import { listRunInputs, logRunInputs, runsUsing } from './run-inputs.js';
import { searchRuns } from './run-search.js';

export class RunRepository implements RunStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: 'sqlite' | 'postgres',
    private readonly bulk: BulkWriter,
  ) {}

  async create(run: NewRun): Promise<Run> {
    const experimentId = experimentKey(run.experimentId);
    await this.db.transaction().execute(async (trx) => {
      const experiment =
        experimentId === undefined
          ? undefined
          : await trx
              .selectFrom('experiments')
              .select(['lifecycle_stage'])
              .where('experiment_id', '=', experimentId)
              .executeTakeFirst();
      if (!experiment || experimentId === undefined) throw experimentNotFound(run.experimentId);
      if (experiment.lifecycle_stage !== 'active') {
        throw invalidParameter(
          `experiment ${run.experimentId} is deleted; restore it before creating runs in it`,
          {
            experiment_id: run.experimentId,
          },
        );
      }
      if (run.parentRunId !== null) {
        const parent = await trx
          .selectFrom('runs')
          .select('run_id')
          .where('run_id', '=', run.parentRunId)
          .executeTakeFirst();
        if (!parent)
          throw notFound(`parent run '${run.parentRunId}' does not exist`, {
            parent_run_id: run.parentRunId,
          });
      }
      await trx
        .insertInto('runs')
        .values({
          run_id: run.runId,
          experiment_id: experimentId,
          run_name: run.runName,
          user_id: run.userId,
          status: run.status,
          start_time: run.startTime,
          end_time: null,
          lifecycle_stage: 'active',
          deleted_time: null,
          parent_run_id: run.parentRunId,
        })
        .execute();
      const tags = Object.entries(run.tags);
      if (tags.length > 0) {
        await trx
          .insertInto('tags')
          .values(tags.map(([key, value]) => ({ run_id: run.runId, key, value })))
          .execute();
      }
    });
    return (await this.get(run.runId))!;
  }

  async get(runId: string): Promise<Run | undefined> {
    const row = await this.db
      .selectFrom('runs')
      .selectAll()
      .where('run_id', '=', runId)
      .executeTakeFirst();
    return row ? (await loadRuns(this.db, [row]))[0] : undefined;
  }

  async update(runId: string, update: RunUpdate): Promise<RunInfo> {
    const changes: { status?: string; end_time?: number | null; run_name?: string } = {};
    if (update.status !== undefined) changes.status = update.status;
    if (update.endTime !== undefined) changes.end_time = update.endTime;
    if (update.runName !== undefined) changes.run_name = update.runName;
    return this.updateRow(runId, changes);
  }

  async markDeleted(runId: string, now: number): Promise<RunInfo> {
    const info = await this.requireInfo(runId);
    if (info.lifecycleStage === 'deleted') return info;
    return this.updateRow(runId, { lifecycle_stage: 'deleted', deleted_time: now });
  }

  async restore(runId: string): Promise<RunInfo> {
    return this.updateRow(runId, { lifecycle_stage: 'active', deleted_time: null });
  }

  async logBatch(runId: string, batch: RunBatch): Promise<void> {
    await this.db.transaction().execute((trx) => writeRunBatch(trx, runId, batch, this.bulk));
  }

  async deleteTag(runId: string, key: string): Promise<void> {
    await this.requireInfo(runId);
    const result = await this.db
      .deleteFrom('tags')
      .where('run_id', '=', runId)
      .where('key', '=', key)
      .executeTakeFirst();
    if (Number(result.numDeletedRows) === 0)
      throw notFound(`run ${runId} has no tag '${key}'`, { run_id: runId, key });
  }

  async metricHistory(runId: string, key: string, window: ListWindow): Promise<MetricPoint[]> {
    await this.requireInfo(runId);
    const rows = await this.db
      .selectFrom('metrics')
      .select(['key', 'value', 'is_nan', 'step', 'timestamp'])
      .where('run_id', '=', runId)
      .where('key', '=', key)
      .orderBy('step')
      .orderBy('timestamp')
      .orderBy(sql`value`)
      .limit(window.limit + 1)
      .offset(window.offset)
      .execute();
    return rows.map(decodeMetricRow);
  }

  search(query: RunQuery): Promise<Run[]> {
    return searchRuns(this.db, this.dialect, query);
  }

  logInputs(runId: string, inputs: RunInput[], now: number): Promise<void> {
    return logRunInputs(this.db, runId, inputs, now);
  }

  inputs(runId: string): Promise<RunInput[]> {
    return listRunInputs(this.db, runId);
  }

  runsUsing(kind: string, ref: string): Promise<string[]> {
    return runsUsing(this.db, kind, ref);
  }

  private async requireInfo(runId: string): Promise<RunInfo> {
    const row = await this.db
      .selectFrom('runs')
      .selectAll()
      .where('run_id', '=', runId)
      .executeTakeFirst();
    if (!row) throw runNotFound(runId);
    return toRunInfo(row);
  }

  private async updateRow(
    runId: string,
    changes: Partial<{
      status: string;
      end_time: number | null;
      run_name: string;
      lifecycle_stage: string;
      deleted_time: number | null;
    }>,
  ): Promise<RunInfo> {
    if (Object.keys(changes).length > 0) {
      const result = await this.db
        .updateTable('runs')
        .set(changes)
        .where('run_id', '=', runId)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw runNotFound(runId);
    }
    return this.requireInfo(runId);
  }
}
