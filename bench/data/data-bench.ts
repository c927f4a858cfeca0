import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeNumericCsv } from './numeric-csv.js';

/** The goal for profiling flights-3m.parquet on a 2-core machine. */
const LIMIT_SECONDS = 10;
const LIMIT_RSS_BYTES = 1024 ** 3;
const PYTHON = '/usr/bin/python3';

const root = fileURLToPath(new URL('../../', import.meta.url));
const child = fileURLToPath(new URL('./profile-child.ts', import.meta.url));

interface Measurement {
  rows: number;
  passes: number;
  seconds: number;
  cpuSeconds: number;
  peakRssBytes: number;
}

/**
 * Wall time, CPU time and peak RSS of `profileDataset` on flights-3m.parquet (3,000,000 rows ×
 * 5 columns) and a generated 1,000,000 × 20 numeric CSV, each in its own process; next to them
 * the time to merely stream the same file (the reader's share) and, for the CSV, pandas'
 * `read_csv` + `describe()` as a peer, measured in the same run.
 */
export async function runDataBench(): Promise<void> {
  const flights = join(root, 'node_modules/vega-datasets/data/flights-3m.parquet');
  const dir = mkdtempSync(join(tmpdir(), 'gyre-data-bench-'));
  try {
    const csv = join(dir, 'numeric-1m-x20.csv');
    await writeNumericCsv(csv, 1_000_000, 20);
    const size = (path: string) => `${(statSync(path).size / 1e6).toFixed(0)} MB`;

    console.log('data benchmark: profileDataset, each run in a fresh process\n');
    report(`flights-3m.parquet (${size(flights)}, 3,000,000 × 5)`, flights, true);
    report(`generated CSV (${size(csv)}, 1,000,000 × 20 numeric)`, csv, false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(label: string, path: string, againstLimits: boolean): void {
  const profile = measure('profile', path);
  const read = measure('read', path);
  const rowsPerSecond = profile.rows / profile.seconds;
  console.log(label);
  console.log(
    `  profile: ${profile.seconds.toFixed(2)} s wall, ${profile.cpuSeconds.toFixed(2)} s CPU, ` +
      `${profile.passes} pass${profile.passes > 1 ? 'es' : ''}, ` +
      `${Math.round(rowsPerSecond).toLocaleString('en-US')} rows/s, peak RSS ${mb(profile.peakRssBytes)}`,
  );
  console.log(
    `  reading alone: ${read.seconds.toFixed(2)} s per pass, peak RSS ${mb(read.peakRssBytes)} ` +
      `(the profile takes ${ratio(profile.seconds / (read.seconds * profile.passes))} the time of ` +
      `reading the file ${profile.passes === 1 ? 'once' : 'twice'})`,
  );
  if (againstLimits) {
    console.log(
      `  time ${ratio(profile.seconds / LIMIT_SECONDS)} of the ${LIMIT_SECONDS} s goal, ` +
        `peak RSS ${ratio(profile.peakRssBytes / LIMIT_RSS_BYTES)} of the 1 GB goal`,
    );
  }
  const peer = pandasDescribe(path);
  if (peer) {
    console.log(
      `  pandas read_csv + describe(): ${peer.seconds.toFixed(2)} s, peak RSS ${mb(peer.peakRssBytes)} ` +
        `(Gyre/pandas: time ${ratio(profile.seconds / peer.seconds)}, ` +
        `memory ${ratio(profile.peakRssBytes / peer.peakRssBytes)})`,
    );
  }
  console.log();
}

function measure(mode: 'profile' | 'read', path: string): Measurement {
  const output = execFileSync(process.execPath, ['--import', 'tsx', child, mode, path], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1024 * 1024,
  });
  return JSON.parse(output.trim().split('\n').at(-1)!) as Measurement;
}

/** pandas' read + describe of a CSV (no pyarrow here, so no Parquet), or undefined without pandas. */
function pandasDescribe(path: string): { seconds: number; peakRssBytes: number } | undefined {
  if (!path.endsWith('.csv') || !existsSync(PYTHON)) return undefined;
  const script = [
    'import json, resource, sys, time',
    'import pandas as pd',
    'start = time.perf_counter()',
    'pd.read_csv(sys.argv[1]).describe(include="all")',
    'seconds = time.perf_counter() - start',
    'peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024',
    'print(json.dumps({"seconds": seconds, "peakRssBytes": peak}))',
  ].join('\n');
  try {
    const output = execFileSync(PYTHON, ['-c', script, path], { encoding: 'utf8' });
    return JSON.parse(output.trim()) as { seconds: number; peakRssBytes: number };
  } catch {
    return undefined;
  }
}

const mb = (bytes: number) => `${Math.round(bytes / 1024 ** 2)} MB`;
const ratio = (value: number) => `${value.toFixed(2)}×`;
