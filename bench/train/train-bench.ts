import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readTable, type Table } from '../../src/data/tabular/index.js';
import { executeTraining, planTraining, type TrainRequest } from '../../src/train/index.js';
import { writeFlightsSample } from './flights-sample.js';

interface Job {
  label: string;
  file: string;
  request: TrainRequest;
  /** Epochs both sides run exactly (MLP), or the iteration cap (logistic). */
  epochs?: number;
  /** A derived label column (name, numeric source, threshold): `delayed` / `on time`. */
  derive?: [string, string, number];
  datetimes?: string[];
  /** Runs per side; the best counts. Small fits take milliseconds, where one run is mostly noise. */
  repeat?: number;
}

const PYTHON = '/usr/bin/python3';
const data = (name: string) =>
  fileURLToPath(new URL(`../../node_modules/vega-datasets/data/${name}`, import.meta.url));

/**
 * Wall time of the fit (preprocessing learned and applied, model trained) per model, Gyre
 * against scikit-learn 1.2.1 on the same rows with the same settings, measured in the same run
 * (best of `repeat` runs on each side).
 */
export async function runTrainBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'gyre-train-bench-'));
  try {
    const flights = join(dir, 'flights-200k.csv');
    const sampled = await writeFlightsSample(data('flights-3m.parquet'), flights);
    console.log(
      `train benchmark: seattle-weather (1,461 rows) and flights-3m.parquet sampled to ${sampled.toLocaleString('en-US')} rows\n`,
    );
    const seattle = {
      file: data('seattle-weather.csv'),
      features: ['precipitation', 'temp_max', 'temp_min', 'wind'],
    };
    const flightFeatures = ['date', 'distance', 'origin', 'destination'];
    const jobs: Job[] = [
      {
        label: 'seattle logistic',
        file: seattle.file,
        epochs: 500,
        repeat: 5,
        request: { target: 'weather', model: 'logistic', features: seattle.features },
      },
      {
        label: 'seattle mlp(64) 200 epochs',
        file: seattle.file,
        epochs: 200,
        repeat: 3,
        request: { target: 'weather', model: 'mlp', features: seattle.features },
      },
      {
        label: 'flights ridge (delay)',
        file: flights,
        datetimes: ['date'],
        request: { target: 'delay', model: 'ridge', features: flightFeatures },
      },
      {
        label: 'flights logistic (delay > 15)',
        file: flights,
        epochs: 500,
        datetimes: ['date'],
        derive: ['delayed', 'delay', 15],
        request: { target: 'delayed', model: 'logistic', features: flightFeatures },
      },
      {
        label: 'flights mlp(64) 5 epochs (delay)',
        file: flights,
        epochs: 5,
        datetimes: ['date'],
        request: { target: 'delay', model: 'mlp', features: flightFeatures },
      },
    ];
    const gyre: { seconds: number; iterations: number }[] = [];
    for (const job of jobs) {
      const result = await timeGyre(job);
      gyre.push(result);
      console.log(
        `  gyre    ${job.label}: ${result.seconds.toFixed(2)} s (${result.iterations} iterations)`,
      );
    }
    const sklearn = timeSklearn(jobs);
    console.log('');
    jobs.forEach((job, i) => {
      const ours = gyre[i]!;
      const theirs = sklearn?.[i];
      const goal = job.request.model === 'ridge' ? '' : ' (goal ≤ 2×)';
      console.log(
        theirs
          ? `${job.label}: gyre ${ours.seconds.toFixed(2)} s, scikit-learn ${theirs.seconds.toFixed(2)} s, ratio ${(ours.seconds / theirs.seconds).toFixed(2)}×${goal}; iterations ${ours.iterations} vs ${theirs.iterations ?? '—'}`
          : `${job.label}: gyre ${ours.seconds.toFixed(2)} s (scikit-learn not available: no ratio)`,
      );
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function timeGyre(job: Job): Promise<{ seconds: number; iterations: number }> {
  const table = derive(await readTable(job.file), job.derive);
  const params =
    job.request.model === 'mlp'
      ? { hidden_layers: '64', max_epochs: job.epochs, n_iter_no_change: job.epochs }
      : job.request.model === 'logistic'
        ? { max_iter: job.epochs }
        : {};
  const plan = planTraining(table, { ...job.request, params, cv: 0, testFraction: 0 });
  let best = Infinity;
  let iterations = 0;
  for (let run = 0; run < (job.repeat ?? 1); run += 1) {
    iterations = 0;
    const start = performance.now();
    executeTraining(plan, { onEpoch: () => (iterations += 1) });
    best = Math.min(best, (performance.now() - start) / 1000);
  }
  return { seconds: best, iterations };
}

function derive(table: Table, rule: Job['derive']): Table {
  if (!rule) return table;
  const [name, source, threshold] = rule;
  const values = table.values[source]!.map((cell) =>
    cell === null || cell === '' ? null : Number(cell) > threshold ? 'delayed' : 'on time',
  );
  return {
    ...table,
    columns: [...table.columns, name],
    values: { ...table.values, [name]: values },
  };
}

function timeSklearn(jobs: Job[]): { seconds: number; iterations: number | null }[] | undefined {
  if (!existsSync(PYTHON)) return undefined;
  const spec = jobs.map((job) => ({
    file: job.file,
    model: job.request.model,
    target: job.request.target,
    features: job.request.features,
    task:
      job.request.model === 'mlp' && job.request.target === 'weather'
        ? 'classification'
        : 'regression',
    epochs: job.epochs,
    max_iter: job.epochs,
    datetimes: job.datetimes ?? [],
    derive: job.derive ?? null,
    repeat: job.repeat ?? 1,
  }));
  try {
    const output = execFileSync(
      PYTHON,
      [fileURLToPath(new URL('./sklearn_train.py', import.meta.url))],
      {
        input: JSON.stringify(spec),
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      },
    );
    return JSON.parse(output) as { seconds: number; iterations: number | null }[];
  } catch (error) {
    console.log(
      `scikit-learn timing failed (${(error as Error).message.split('\n')[0]}): no ratios`,
    );
    return undefined;
  }
}
