import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from '../../src/api/index.js';
import { openGyre } from '../../src/app/index.js';
import { loadConfig } from '../../src/core/config/index.js';
import { silentLogger } from '../../src/core/logging/index.js';
import { openSqliteHandle } from '../../src/store/dialects/sqlite-handle.js';
import { percentile } from './http-load.js';

export interface SearchResult {
  label: string;
  p50Ms: number;
  p95Ms: number;
  matched: number;
}

/**
 * Seeds `runCount` runs (3 params, 2 tags, 3 metrics each) straight into a fresh SQLite schema,
 * then times run searches with a metric filter through the service and through HTTP.
 */
export async function measureSearch(runCount: number, queries = 60): Promise<SearchResult[]> {
  const home = mkdtempSync(join(tmpdir(), 'gyre-bench-search-'));
  const { config } = loadConfig({ env: {}, cwd: home, flags: { home, logLevel: 'warn' } });
  (await openGyre(config, { logger: silentLogger() })).close().catch(() => {});
  await new Promise((resolve) => setTimeout(resolve, 100));
  seed(join(home, 'gyre.db'), runCount);

  const gyre = await openGyre(config, { logger: silentLogger() });
  const app = await buildServer(gyre);
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const results: SearchResult[] = [];
  try {
    const cases = [
      {
        label: 'service, acc > t, 100 results',
        filter: (t: number) => `metrics.acc > ${t}`,
        max: 100,
        http: false,
        orderBy: [] as string[],
      },
      {
        label: 'service, acc > t, 1000 results',
        filter: (t: number) => `metrics.acc > ${t}`,
        max: 1000,
        http: false,
        orderBy: [],
      },
      {
        label: "service, acc > t and params.optimizer = 'adam', order by acc DESC, 100",
        filter: (t: number) => `metrics.acc > ${t} and params.optimizer = 'adam'`,
        max: 100,
        http: false,
        orderBy: ['metrics.acc DESC'],
      },
      {
        label: 'HTTP POST /runs/search, acc > t, 100 results',
        filter: (t: number) => `metrics.acc > ${t}`,
        max: 100,
        http: true,
        orderBy: [],
      },
    ];
    for (const c of cases) {
      const times: number[] = [];
      let matched = 0;
      for (let q = 0; q < queries; q += 1) {
        const threshold = 0.5 + (q / queries) * 0.49;
        const begin = performance.now();
        if (c.http) {
          const response = await fetch(`${url}/api/v1/runs/search`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              filter: c.filter(threshold),
              max_results: c.max,
              order_by: c.orderBy,
            }),
          });
          matched += ((await response.json()) as { runs: unknown[] }).runs.length;
        } else {
          matched += (
            await gyre.tracking.runs.search({
              filter: c.filter(threshold),
              maxResults: c.max,
              orderBy: c.orderBy,
            })
          ).items.length;
        }
        times.push(performance.now() - begin);
      }
      results.push({
        label: c.label,
        p50Ms: percentile(times, 50),
        p95Ms: percentile(times, 95),
        matched: Math.round(matched / queries),
      });
    }
  } finally {
    await app.close();
    await gyre.close();
    rmSync(home, { recursive: true, force: true });
  }
  return results;
}

function seed(file: string, runCount: number): void {
  const db = openSqliteHandle(file);
  db.exec('pragma journal_mode = WAL');
  const run = db.prepare(
    `insert into runs (run_id, experiment_id, run_name, user_id, status, start_time, lifecycle_stage) values (?, 0, ?, 'bench', 'FINISHED', ?, 'active')`,
  );
  const param = db.prepare('insert into params (run_id, key, value) values (?, ?, ?)');
  const tag = db.prepare('insert into tags (run_id, key, value) values (?, ?, ?)');
  const metric = db.prepare(
    'insert into metrics (run_id, key, value, is_nan, step, timestamp) values (?, ?, ?, 0, 0, ?)',
  );
  const latest = db.prepare(
    'insert into latest_metrics (run_id, key, value, is_nan, step, timestamp) values (?, ?, ?, 0, 0, ?)',
  );
  const optimizers = ['adam', 'sgd', 'rmsprop'];
  db.exec('begin');
  for (let i = 0; i < runCount; i += 1) {
    const id = i.toString(16).padStart(32, '0');
    const time = 1_700_000_000_000 + i * 1000;
    run.run([id, `run-${i}`, time]);
    param.run([id, 'optimizer', optimizers[i % 3]]);
    param.run([id, 'lr', String(10 ** -(1 + (i % 4)))]);
    param.run([id, 'layers', String(1 + (i % 5))]);
    tag.run([id, 'team', i % 2 === 0 ? 'vision' : 'nlp']);
    tag.run([id, 'mlflow.source.name', 'train.py']);
    for (const [key, value] of [
      ['acc', Math.random()],
      ['loss', Math.random() * 2],
      ['f1', Math.random()],
    ] as const) {
      metric.run([id, key, value, time]);
      latest.run([id, key, value, time]);
    }
  }
  db.exec('commit');
  db.close();
}
