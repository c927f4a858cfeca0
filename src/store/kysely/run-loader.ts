import type { Kysely, Selectable } from 'kysely';
import type { LifecycleStage, Run, RunInfo, RunStatus } from '../model.js';
import type { Database } from './database.js';
import { decodeMetricRow } from './metric-values.js';

export type RunRow = Selectable<Database['runs']>;

/** Keeps `IN (...)` lists well under SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 5000;

export function toRunInfo(row: RunRow): RunInfo {
  return {
    runId: row.run_id,
    experimentId: String(row.experiment_id),
    runName: row.run_name,
    userId: row.user_id,
    status: row.status as RunStatus,
    startTime: Number(row.start_time),
    endTime: row.end_time === null ? null : Number(row.end_time),
    lifecycleStage: row.lifecycle_stage as LifecycleStage,
    parentRunId: row.parent_run_id,
  };
}

/** Attaches params, tags and latest metrics to run rows, preserving their order. */
export async function loadRuns(db: Kysely<Database>, rows: RunRow[]): Promise<Run[]> {
  const runs = new Map<string, Run>();
  for (const row of rows)
    runs.set(row.run_id, { info: toRunInfo(row), data: { params: {}, tags: {}, metrics: {} } });
  const ids = [...runs.keys()];
  for (let start = 0; start < ids.length; start += CHUNK) {
    const chunk = ids.slice(start, start + CHUNK);
    const [params, tags, metrics] = await Promise.all([
      db.selectFrom('params').selectAll().where('run_id', 'in', chunk).execute(),
      db.selectFrom('tags').selectAll().where('run_id', 'in', chunk).execute(),
      db.selectFrom('latest_metrics').selectAll().where('run_id', 'in', chunk).execute(),
    ]);
    for (const param of params) runs.get(param.run_id)!.data.params[param.key] = param.value;
    for (const tag of tags) runs.get(tag.run_id)!.data.tags[tag.key] = tag.value;
    for (const metric of metrics)
      runs.get(metric.run_id)!.data.metrics[metric.key] = decodeMetricRow(metric);
  }
  return [...runs.values()];
}
