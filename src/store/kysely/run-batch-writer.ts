import type { Transaction } from 'kysely';
import { invalidParameter } from '../../core/errors/index.js';
import type { MetricPoint } from '../model.js';
import type { RunBatch } from '../store.js';
import type { BulkWriter } from './bulk-writer.js';
import type { Database } from './database.js';
import { encodeMetricValue } from './metric-values.js';
import { runNotFound } from './not-found.js';

/** Rows per INSERT: 1,000 × 6 columns stays far below both dialects' parameter limits. */
const ROWS_PER_INSERT = 1000;

/** Writes one batch inside the caller's transaction; any throw rolls all of it back. */
export async function writeRunBatch(
  trx: Transaction<Database>,
  runId: string,
  batch: RunBatch,
  bulk: BulkWriter,
): Promise<void> {
  const run = await trx
    .selectFrom('runs')
    .select('lifecycle_stage')
    .where('run_id', '=', runId)
    .executeTakeFirst();
  if (!run) throw runNotFound(runId);
  if (run.lifecycle_stage !== 'active') {
    throw invalidParameter(`run ${runId} is deleted; restore it before logging to it`, {
      run_id: runId,
    });
  }
  await writeParams(trx, runId, batch.params);
  await writeTags(trx, runId, batch.tags);
  await writeMetrics(trx, runId, batch.metrics, bulk);
}

async function writeParams(
  trx: Transaction<Database>,
  runId: string,
  params: RunBatch['params'],
): Promise<void> {
  const wanted = new Map<string, string>();
  for (const { key, value } of params) {
    const earlier = wanted.get(key);
    if (earlier !== undefined && earlier !== value) {
      throw invalidParameter(
        `param '${key}' is given twice in one batch with different values ('${earlier}' and '${value}')`,
        {
          key,
        },
      );
    }
    wanted.set(key, value);
  }
  if (wanted.size === 0) return;
  const rows = [...wanted]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, value]) => ({ run_id: runId, key, value }));
  // Insert-or-skip first, then compare what was skipped: correct even when another transaction
  // logs the same key concurrently (the skip waits for it and then sees its value).
  const inserted = new Set<string>();
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const written = await trx
      .insertInto('params')
      .values(rows.slice(i, i + ROWS_PER_INSERT))
      .onConflict((oc) => oc.columns(['run_id', 'key']).doNothing())
      .returning('key')
      .execute();
    for (const row of written) inserted.add(row.key);
  }
  const skipped = rows.filter((row) => !inserted.has(row.key)).map((row) => row.key);
  if (skipped.length === 0) return;
  const stored = await trx
    .selectFrom('params')
    .select(['key', 'value'])
    .where('run_id', '=', runId)
    .where('key', 'in', skipped)
    .execute();
  for (const row of stored) {
    const value = wanted.get(row.key)!;
    if (row.value !== value) {
      throw invalidParameter(
        `param '${row.key}' is already logged for run ${runId} with value '${row.value}'; params are immutable, so '${value}' cannot replace it`,
        { key: row.key, old_value: row.value, new_value: value },
      );
    }
  }
}

async function writeTags(
  trx: Transaction<Database>,
  runId: string,
  tags: RunBatch['tags'],
): Promise<void> {
  const latest = new Map<string, string>();
  for (const { key, value } of tags) latest.set(key, value);
  if (latest.size === 0) return;
  const rows = [...latest]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, value]) => ({ run_id: runId, key, value }));
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    await trx
      .insertInto('tags')
      .values(rows.slice(i, i + ROWS_PER_INSERT))
      .onConflict((oc) =>
        oc.columns(['run_id', 'key']).doUpdateSet((eb) => ({ value: eb.ref('excluded.value') })),
      )
      .execute();
  }
}

async function writeMetrics(
  trx: Transaction<Database>,
  runId: string,
  metrics: MetricPoint[],
  bulk: BulkWriter,
): Promise<void> {
  if (metrics.length === 0) return;
  const rows = metrics.map((m) => ({
    run_id: runId,
    key: m.key,
    step: m.step,
    timestamp: m.timestamp,
    ...encodeMetricValue(m.value),
  }));
  await bulk.insertMetrics(trx, rows);
  const latest = latestPerKey(metrics).map((m) => ({
    run_id: runId,
    key: m.key,
    step: m.step,
    timestamp: m.timestamp,
    ...encodeMetricValue(m.value),
  }));
  for (let i = 0; i < latest.length; i += ROWS_PER_INSERT) {
    await trx
      .insertInto('latest_metrics')
      .values(latest.slice(i, i + ROWS_PER_INSERT))
      .onConflict((oc) =>
        oc
          .columns(['run_id', 'key'])
          .doUpdateSet((eb) => ({
            value: eb.ref('excluded.value'),
            is_nan: eb.ref('excluded.is_nan'),
            step: eb.ref('excluded.step'),
            timestamp: eb.ref('excluded.timestamp'),
          }))
          .where((eb) =>
            eb.or([
              eb('excluded.step', '>', eb.ref('latest_metrics.step')),
              eb.and([
                eb('excluded.step', '=', eb.ref('latest_metrics.step')),
                eb('excluded.timestamp', '>=', eb.ref('latest_metrics.timestamp')),
              ]),
            ]),
          ),
      )
      .execute();
  }
}

/** The point that wins per key: highest step, then latest timestamp, then the one logged last. */
function latestPerKey(metrics: MetricPoint[]): MetricPoint[] {
  const best = new Map<string, MetricPoint>();
  for (const point of metrics) {
    const current = best.get(point.key);
    if (
      !current ||
      point.step > current.step ||
      (point.step === current.step && point.timestamp >= current.timestamp)
    ) {
      best.set(point.key, point);
    }
  }
  return [...best.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
}
