import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WireModelVersion } from '../api/wire/registry-schemas.js';
import { runCli, runCliJson } from '../testing/run-cli.js';
import { referenceFeatures, vegaFile } from '../testing/vega-data.js';
import { TrainProgress } from './train-progress.js';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'gyre-cli-train-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const gyre = (...args: string[]) => runCli(...args, '--home', home);
const gyreJson = <T>(...args: string[]) => runCliJson<T>(...args, '--home', home);

interface TrainRecord {
  run_id: string;
  model_version?: WireModelVersion;
  metrics: Record<string, number>;
}

describe('gyre train', () => {
  it('prints the result record with --json and registers the model', async () => {
    const record = await gyreJson<TrainRecord>(
      'train',
      '--data',
      vegaFile('seattle-weather.csv'),
      '--target',
      'weather',
      '--model',
      'logistic',
      ...referenceFeatures.seattle.flatMap((f) => ['--feature', f]),
      '--param',
      'C=0.5',
      '--cv',
      '3',
      '--experiment',
      'weather',
      '--register',
      'weather-logistic',
    );
    expect(Object.keys(record).sort()).toEqual(['metrics', 'model_version', 'run_id']);
    expect(record.run_id).toMatch(/^[0-9a-f]{32}$/);
    expect(record.model_version).toMatchObject({
      name: 'weather-logistic',
      version: 1,
      run_id: record.run_id,
    });
    expect(record.metrics.cv_accuracy).toBeGreaterThan(0.7);
    expect(record.metrics.test_f1_macro).toBeGreaterThan(0);
    const run = await gyreJson<{ run: { data: { params: Record<string, string> } } }>(
      'runs',
      'show',
      record.run_id,
    );
    expect(run.run.data.params).toMatchObject({
      C: '0.5',
      cv: '3',
      features: referenceFeatures.seattle.join(','),
    });
  });

  it('prints metrics as a table, with notes on left-out columns and rows', async () => {
    const result = await gyre(
      'train',
      '--data',
      vegaFile('cars.json'),
      '--target',
      'Miles_per_Gallon',
      '--model',
      'ridge',
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(
      /column 'Name' left out of the features: text with 311 distinct values/,
    );
    expect(result.stderr).toMatch(/8 rows without a target value were left out/);
    expect(result.stdout).toMatch(/^run [0-9a-f]{32}: regression on 318 rows, tested on 80$/m);
    expect(result.stdout).toMatch(/^cv_r2 +0\.\d+$/m);
    expect(result.stdout).toMatch(/^model: runs:\/[0-9a-f]{32}\/model\/model\.onnx$/m);
  });

  it('fails with exit 1 and a stable code for bad input, as JSON with --json', async () => {
    const data = vegaFile('cars.json');
    const cases: [string[], RegExp][] = [
      [
        ['--target', 'Miles_per_Gallon', '--model', 'forest'],
        /model must be one of ridge, logistic, mlp, got "forest"/,
      ],
      [['--target', 'Name', '--model', 'ridge'], /regression target must be numeric/],
      [
        ['--target', 'Origin', '--model', 'mlp', '--param', 'activation=sigmoid'],
        /activation of mlp must be relu or tanh/,
      ],
      [
        ['--target', 'Origin', '--model', 'logistic', '--task', 'ranking'],
        /task must be one of classification, regression/,
      ],
      [
        ['--target', 'Origin', '--model', 'logistic', '--test-fraction', '1'],
        /test fraction must be at least 0 and below 1/,
      ],
    ];
    for (const [args, message] of cases) {
      const result = await gyre('train', '--data', data, ...args, '--json');
      expect(result.code, result.stderr).toBe(1);
      const body = JSON.parse(result.stderr) as { error_code: string; message: string };
      expect(body.error_code).toBe('INVALID_PARAMETER_VALUE');
      expect(body.message).toMatch(message);
    }
    const empty = join(home, 'empty.csv');
    writeFileSync(empty, 'a,b\n');
    const result = await gyre('train', '--data', empty, '--target', 'a', '--model', 'ridge');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^gyre: INVALID_PARAMETER_VALUE: .*no rows/);
    const missing = await gyre(
      'train',
      '--data',
      join(home, 'nope.csv'),
      '--target',
      'a',
      '--model',
      'ridge',
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^gyre: RESOURCE_DOES_NOT_EXIST: .*nope\.csv/);
    expect((await gyreJson<{ runs: unknown[] }>('runs', 'list')).runs).toEqual([]);
  });

  it('rejects a missing required flag as a usage error (exit 2)', async () => {
    const result = await gyre('train', '--data', vegaFile('cars.json'), '--model', 'ridge');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--target/);
  });
});

describe('train progress', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.useRealTimers();
  });

  it('shows the phase, epoch and losses on a terminal, at most every 100 ms', () => {
    vi.stubEnv('CI', '');
    vi.useFakeTimers({ toFake: ['Date'] });
    let written = '';
    const stream = Object.assign(new PassThrough(), {
      isTTY: true,
      write: (chunk: string) => {
        written += chunk;
        return true;
      },
    }) as unknown as NodeJS.WriteStream;
    const progress = new TrainProgress({ stream });
    progress.phase('cross-validation', 1, 5);
    progress.phase('training', 0, 1);
    progress.epoch({ epoch: 1, trainLoss: 0.75 }); // within 100 ms of the last draw: skipped
    vi.setSystemTime(Date.now() + 150);
    progress.epoch({ epoch: 2, trainLoss: 0.5, validationLoss: 0.625 });
    progress.done();
    expect(written).toContain('[###-----------------]  16% cross-validation: fold 2/5');
    expect(written).toContain('[#################---]  83% training the final model');
    expect(written).not.toContain('epoch 1');
    expect(written).toMatch(/epoch 2, train loss 0\.5, validation loss 0\.625/);
    expect(written.endsWith('\r\x1b[2K')).toBe(true);
  });
});
