import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore } from '../../src/store/index.js';
import { startGyreServer, stopped } from '../../test/support/spawn-gyre.js';
import { percentile, postLoad } from './http-load.js';

export const POINTS_PER_BATCH = 1000;

function batchBody(): string {
  const timestamp = Date.now();
  const metrics = Array.from({ length: POINTS_PER_BATCH }, (_, i) => ({
    key: `metric_${i % 10}`,
    value: Math.random(),
    step: i,
    timestamp,
  }));
  return JSON.stringify({ metrics });
}

export interface IngestResult {
  clients: number;
  batches: number;
  pointsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
}

/** Points/s through `POST /api/v1/runs/{id}/batch` on a `gyre server` child process (SQLite). */
export async function measureRestIngest(
  plan: { clients: number; batches: number }[],
): Promise<IngestResult[]> {
  const home = mkdtempSync(join(tmpdir(), 'gyre-bench-ingest-'));
  const server = await startGyreServer(['--home', home, '--log-level', 'warn']);
  try {
    const body = batchBody();
    const results: IngestResult[] = [];
    for (const { clients, batches } of plan) {
      const paths: string[] = [];
      for (let i = 0; i < clients; i += 1) {
        const response = await fetch(`${server.url}/api/v1/runs`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        });
        const { run } = (await response.json()) as { run: { info: { run_id: string } } };
        paths.push(`/api/v1/runs/${run.info.run_id}/batch`);
      }
      await postLoad({ url: server.url, paths, body, total: Math.max(clients * 5, 20) });
      const load = await postLoad({ url: server.url, paths, body, total: batches });
      const failed = Object.entries(load.statuses).filter(([status]) => status !== '204');
      if (failed.length > 0)
        throw new Error(`ingest requests failed: ${JSON.stringify(load.statuses)}`);
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
 * synchronous=FULL, foreign keys), one prepared statement, one transaction per 1,000 rows.
 */
export async function measureRawSqlite(points: number): Promise<number> {
  const home = mkdtempSync(join(tmpdir(), 'gyre-bench-raw-'));
  const file = join(home, 'gyre.db');
  try {
    await (await openStore({ databaseUrl: `sqlite:${file}` })).close();
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    const runId = 'f'.repeat(32);
    db.prepare(
      `insert into runs (run_id, experiment_id, run_name, user_id, status, start_time, lifecycle_stage) values (?, 0, 'raw', 'bench', 'RUNNING', 0, 'active')`,
    ).run(runId);
    const insert = db.prepare(
      'insert into metrics (run_id, key, value, is_nan, step, timestamp) values (?, ?, ?, 0, ?, ?)',
    );
    const insertBatch = db.transaction((start: number) => {
      const timestamp = Date.now();
      for (let i = 0; i < POINTS_PER_BATCH; i += 1)
        insert.run(runId, `metric_${i % 10}`, Math.random(), start + i, timestamp);
    });
    const begin = performance.now();
    for (let start = 0; start < points; start += POINTS_PER_BATCH) insertBatch(start);
    const seconds = (performance.now() - begin) / 1000;
    db.close();
    return points / seconds;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
