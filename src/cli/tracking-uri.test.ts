import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildServer, type TypedApp } from '../api/index.js';
import type { WireExperiment, WireRun } from '../api/wire/schemas.js';
import { openTempGyre } from '../testing/temp-gyre.js';
import { runCli, runCliJson } from '../testing/run-cli.js';

let gyre: Awaited<ReturnType<typeof openTempGyre>>;
let app: TypedApp;
let url: string;
/** The CLI's own home: must stay untouched when it talks to a server. */
let home: string;

beforeEach(async () => {
  gyre = await openTempGyre();
  app = await buildServer(gyre);
  url = await app.listen({ host: '127.0.0.1', port: 0 });
  home = mkdtempSync(join(tmpdir(), 'gyre-cli-'));
});
afterEach(async () => {
  await app.close();
  await gyre.dispose();
  rmSync(home, { recursive: true, force: true });
});

const remote = (...args: string[]) => runCli(...args, '--home', home, '--tracking-uri', url);
const remoteJson = <T>(...args: string[]) =>
  runCliJson<T>(...args, '--home', home, '--tracking-uri', url);

describe('--tracking-uri', () => {
  it('shows the tracking URI in config', async () => {
    const config = await remoteJson<{ settings: Record<string, { value: unknown }> }>('config');
    expect(config.settings.tracking_uri).toMatchObject({ value: url, source: 'flag' });
  });

  it('sends experiment commands to the server, not the local store', async () => {
    const created = await remote('experiments', 'create', 'remote-exp', '--tag', 'via=http');
    expect(created).toEqual({ code: 0, stdout: "created experiment 1 'remote-exp'", stderr: '' });
    const stored = await gyre.tracking.experiments.getByName('remote-exp');
    expect(stored.tags).toEqual({ via: 'http' });

    const listed = await remoteJson<{ experiments: WireExperiment[] }>('experiments', 'list');
    expect(listed.experiments.map((e) => e.name)).toEqual(['remote-exp', 'Default']);
    expect((await remote('experiments', 'rename', 'remote-exp', 'renamed')).code).toBe(0);
    expect((await remote('experiments', 'delete', 'renamed')).code).toBe(0);
    expect((await gyre.tracking.experiments.get(stored.experimentId)).lifecycleStage).toBe(
      'deleted',
    );
    expect(existsSync(join(home, 'gyre.db'))).toBe(false);
  });

  it('lists, shows and downloads runs through the API, mapping errors to exit 1', async () => {
    const run = await gyre.tracking.runs.create({ runName: 'served' });
    const runId = run.info.runId;
    await gyre.tracking.runs.logBatch(runId, { metrics: [{ key: 'acc', value: 0.5 }] });
    await gyre.tracking.artifacts.upload(runId, 'out/a.txt', Readable.from([Buffer.from('A')]));

    const listed = await remoteJson<{ runs: WireRun[] }>(
      'runs',
      'list',
      '--filter',
      'metrics.acc = 0.5',
    );
    expect(listed.runs.map((r) => r.info.run_id)).toEqual([runId]);
    const shown = await remote('runs', 'show', runId);
    expect(shown.stdout).toContain('  acc = 0.5 (step 0)');

    const dest = join(home, 'dl');
    const download = await remote('runs', 'artifacts', runId, '--download', dest);
    expect(download.stdout).toBe(`downloaded 1 file(s), 1 B, to ${dest}`);
    expect(readFileSync(join(dest, 'out', 'a.txt'), 'utf8')).toBe('A');

    const missing = await remote('runs', 'show', 'f'.repeat(32));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^gyre: RESOURCE_DOES_NOT_EXIST: no run with id/);
    const badFilter = await remote('runs', 'list', '--filter', 'metrics.acc >> 1');
    expect(badFilter.code).toBe(1);
    expect(badFilter.stderr).toMatch(/^gyre: INVALID_PARAMETER_VALUE: .*position 14/);
    expect(existsSync(join(home, 'gyre.db'))).toBe(false);
  });

  it('exits 1 with TEMPORARILY_UNAVAILABLE when the server is down', async () => {
    await app.close();
    const result = await remote('experiments', 'list');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(
        `^gyre: TEMPORARILY_UNAVAILABLE: cannot reach the Gyre server at ${url.replaceAll('.', '\\.')}`,
      ),
    );
  });
});
