import { measureRawSqlite, measureRestIngest } from './ingest-bench.js';
import { measureSearch } from './search-bench.js';

/** MLflow 2.9's tracking server with 4 concurrent clients on this machine kind (issue #2); not re-measured here. */
const MLFLOW_29_POINTS_PER_SECOND = 14_000;

export async function runTrackingBench(): Promise<void> {
  console.log(
    'tracking benchmark: REST batch ingest (batches of 1,000 points) vs raw SQLite inserts, then run search\n',
  );
  const plan = [
    { clients: 1, batchesPerClient: 300 },
    { clients: 4, batchesPerClient: 150 },
  ];
  const ingest = await measureRestIngest(plan);
  for (const r of ingest) {
    const raw = await measureRawSqlite(r.clients, r.batches / r.clients);
    console.log(
      `${r.clients} client(s): REST ${fmt(r.pointsPerSecond)} points/s (batch p50 ${r.p50Ms.toFixed(1)} ms, p95 ${r.p95Ms.toFixed(1)} ms); raw SQLite, same rows: ${fmt(raw)} points/s; ratio ${(r.pointsPerSecond / raw).toFixed(2)} (goal ≥ 0.30)`,
    );
  }
  const [mlflow] = await measureRestIngest([{ clients: 4, batchesPerClient: 150 }], 'mlflow');
  console.log(
    `MLflow API runs/log-batch, 4 clients: ${fmt(mlflow!.pointsPerSecond)} points/s (batch p50 ${mlflow!.p50Ms.toFixed(1)} ms, p95 ${mlflow!.p95Ms.toFixed(1)} ms) = ${(mlflow!.pointsPerSecond / MLFLOW_29_POINTS_PER_SECOND).toFixed(1)}× MLflow 2.9's ${fmt(MLFLOW_29_POINTS_PER_SECOND)} points/s (issue #4's figure for this machine kind; goal ≥ 7×)`,
  );

  const runs = Number(process.env.GYRE_BENCH_RUNS ?? 100_000);
  console.log(`\nrun search over ${fmt(runs)} runs (SQLite), 60 queries each:`);
  for (const s of await measureSearch(runs)) {
    console.log(
      `  ${s.label}: p50 ${s.p50Ms.toFixed(1)} ms, p95 ${s.p95Ms.toFixed(1)} ms (≈${s.matched} runs returned; goal p95 ≤ 100 ms)`,
    );
  }
}

function fmt(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}
