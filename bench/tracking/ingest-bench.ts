import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteHandle } from '../../src/store/dialects/sqlite-handle.js';
import { openStore } from '../../src/store/index.js';
import { startGyreServer, stopped } from '../../test/support/spawn-gyre.js';
import { percentile, postLoad } from './http-load.js';

export const POINTS_PER_BATCH = 1000;
const KEYS = 10;

export interface MetricRow {
  key: string;
  value: number;
  step: number;
  timestamp: number;
}

/**
 * What a training loop sends: 10 metric keys, each advancing 100 steps per batch. Both the REST
 * clients and the raw-SQLite limit write exactly these rows.
 */
export function workload(batches: number): MetricRow[][] {
  const base = Date.now();
  return Array.from({ length: batches }, (_, b) =>
    Array.from({ length: POINTS_PER_BATCH }, (_, i) => {
      const step = b * (POINTS_PER_BATCH / KEYS) + Math.floor(i / KEYS);
      return { key: `metric_${i % KEYS}`, value: Math.sin(step + i), step, timestamp: base + step };
    }),
  );
}

export interface IngestResult {
  clients: number;
  batches: number;
  pointsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
}

/**
 * Points/s through `POST /api/v1/runs/{id}/batch` (Gyre's API) or `POST /api/2.0/mlflow/runs/log-batch`
 * (MLflow's, with the body MLflow's Python client sends) on a `gyre server` child process (SQLite).
 */
export async function measureRestIngest(
  plan: { clients: number; batchesPerClient: number }[],
  api: 'gyre' | 'mlflow' = 'gyre',
): Promise<IngestResult[]> {
  const home = mkdtempSync(join(tmpdir(), 'gyre-bench-ingest-'));
  const server = await startGyreServer(['--home', home, '--log-level', 'warn']);
  const newRun = async () => {
    const response = await fetch(`${server.url}/api/v1/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    return ((await response.json()) as { run: { info: { run_id: string } } }).run.info.run_id;
  };
  const stream = async (batches: number) => {
    const runId = await newRun();
    const batchesOf = (envelope: (metrics: MetricRow[]) => object) =>
      workload(batches).map((metrics) => Buffer.from(JSON.stringify(envelope(metrics))));
    return api === 'gyre'
      ? { path: `/api/v1/runs/${runId}/batch`, bodies: batchesOf((metrics) => ({ metrics })) }
      : {
          path: '/api/2.0/mlflow/runs/log-batch',
          bodies: batchesOf((metrics) => ({ run_id: runId, metrics })),
        };
  };
  const ok = api === 'gyre' ? '204' : '200';
  try {
    await postLoad({ url: server.url, streams: [await stream(20)] });
    const results: IngestResult[] = [];
    for (const { clients, batchesPerClient } of plan) {
      const streams = [];
      for (let c = 0; c < clients; c += 1) streams.push(await stream(batchesPerClient));
      const load = await postLoad({ url: server.url, streams });
      if (Object.keys(load.statuses).some((status) => status !== ok))
        throw new Error(`ingest failed: ${JSON.stringify(load.statuses)}`);
      const batches = clients * batchesPerClient;
      results.push({
        clients,
        batches,
        pointsPerSecond: (batches * POINTS_PER_BATCH) / load.seconds,
        p50Ms: percentile(load.latenciesMs, 50),
        p95Ms: percentile(load.latenciesMs, 95),
      });
    }
    return results;
  } finally {
    server.process.kill('SIGTERM');
    await stopped(server.process);
    rmSync(home, { recursive: true, force: true });
  }
}

/**
 * The limit: the same rows inserted straight into the same SQLite schema and settings (WAL,
 * synchronous=FULL, foreign keys), same SQLite binding, one prepared statement, one transaction
 * per batch.
 */
export async function measureRawSqlite(clients: number, batchesPerClient: number): Promise<number> {
  const home = mkdtempSync(join(tmpdir(), 'gyre-bench-raw-'));
  const file = join(home, 'gyre.db');
  try {
    await (await openStore({ databaseUrl: `sqlite:${file}` })).close();
    const db = openSqliteHandle(file);
    db.exec('pragma journal_mode = WAL');
    db.exec('pragma synchronous = FULL');
    db.exec('pragma foreign_keys = ON');
    const addRun = db.prepare(
      `insert into runs (run_id, experiment_id, run_name, user_id, status, start_time, lifecycle_stage) values (?, 0, 'raw', 'bench', 'RUNNING', 0, 'active')`,
    );
    const runIds = Array.from({ length: clients }, (_, c) => String(c).padStart(32, 'f'));
    for (const runId of runIds) addRun.run([runId]);
    const insert = db.prepare(
      'insert into metrics (run_id, key, value, is_nan, step, timestamp) values (?, ?, ?, 0, ?, ?)',
    );
    const insertBatch = (runId: string, rows: MetricRow[]) => {
      db.exec('begin immediate');
      for (const row of rows) insert.run([runId, row.key, row.value, row.step, row.timestamp]);
      db.exec('commit');
    };
    const batches = workload(batchesPerClient);
    const begin = performance.now();
    // Interleaved as the concurrent REST clients' batches arrive.
    for (const rows of batches) for (const runId of runIds) insertBatch(runId, rows);
    const seconds = (performance.now() - begin) / 1000;
    db.close();
    return (clients * batchesPerClient * POINTS_PER_BATCH) / seconds;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
