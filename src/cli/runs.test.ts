import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WireArtifactListing, WireRun } from '../api/wire/schemas.js';
import { GyreClient } from '../sdk/index.js';
import { runCli, runCliJson } from '../testing/run-cli.js';

let home: string;
let runs: Record<string, string>;

/** Two experiments with three runs (started a second apart), logged through the local SDK. */
async function seed(): Promise<Record<string, string>> {
  const client = await GyreClient.local({ flags: { home }, env: {} });
  try {
    const ids: Record<string, string> = {};
    const vision = (await client.experiments.create({ name: 'vision' })).experimentId;
    const nlp = (await client.experiments.create({ name: 'nlp' })).experimentId;
    const specs: [string, string, number, string][] = [
      [vision, 'resnet', 0.91, 'adam'],
      [vision, 'vit', 0.95, 'sgd'],
      [nlp, 'bert', 0.88, 'adam'],
    ];
    for (const [i, [experimentId, runName, acc, optimizer]] of specs.entries()) {
      const run = await client.runs.create({
        experimentId,
        runName,
        tags: { owner: 'ana' },
        startTime: 1_700_000_000_000 + i * 1000,
      });
      const runId = run.info.runId;
      await client.runs.logBatch(runId, {
        metrics: [{ key: 'acc', value: acc, step: 2 }],
        params: [{ key: 'optimizer', value: optimizer }],
      });
      await client.runs.update(runId, { status: 'FINISHED' });
      ids[runName] = runId;
    }
    const put = (path: string, text: string) =>
      client.artifacts.upload(ids.resnet!, path, Readable.from([Buffer.from(text)]));
    await put('model/model.onnx', 'onnx-bytes');
    await put('model/meta/info.json', '{"v":1}');
    await put('readme.md', '# resnet');
    return ids;
  } finally {
    await client.close();
  }
}

beforeEach(async () => {
  home = mkdtempSync(join(tmpdir(), 'gyre-cli-'));
  runs = await seed();
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const gyre = (...args: string[]) => runCli(...args, '--home', home);
const gyreJson = <T>(...args: string[]) => runCliJson<T>(...args, '--home', home);

interface ListJson {
  runs: WireRun[];
  next_page_token: string | null;
}
const names = (reply: ListJson) => reply.runs.map((r) => r.info.run_name);

describe('gyre runs list', () => {
  it('prints a table of runs, newest first', async () => {
    const result = await gyre('runs', 'list');
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^RUN ID\s+NAME\s+EXP\s+STATUS\s+STARTED\s+METRICS$/);
    expect(lines.slice(1).map((line) => line.split(/\s+/)[1])).toEqual(['bert', 'vit', 'resnet']);
    expect(lines[1]).toMatch(
      new RegExp(`^${runs.bert}\\s+bert\\s+2\\s+FINISHED\\s+2023-11-14 22:13:22Z\\s+acc=0\\.88$`),
    );
  });

  it('filters, orders and limits to experiments', async () => {
    expect(
      names(await gyreJson<ListJson>('runs', 'list', '--order-by', 'metrics.acc DESC')),
    ).toEqual(['vit', 'resnet', 'bert']);
    expect(
      names(
        await gyreJson<ListJson>(
          'runs',
          'list',
          '--filter',
          "params.optimizer = 'adam'",
          '--order-by',
          'metrics.acc ASC',
        ),
      ),
    ).toEqual(['bert', 'resnet']);
    expect(
      names(
        await gyreJson<ListJson>(
          'runs',
          'list',
          '--experiment',
          'vision',
          '--order-by',
          'attributes.run_name',
        ),
      ),
    ).toEqual(['resnet', 'vit']);
    const both = await gyreJson<ListJson>(
      'runs',
      'list',
      '--experiment',
      'nlp',
      '--experiment',
      '1',
      '--filter',
      'metrics.acc > 0.9',
    );
    expect(names(both).sort()).toEqual(['resnet', 'vit']);
    const text = await gyre('runs', 'list', '--filter', 'metrics.acc > 0.99');
    expect(text).toEqual({ code: 0, stdout: '(none)', stderr: '' });
  });

  it('says when more runs match than --max-results', async () => {
    const result = await gyre('runs', 'list', '--max-results', '2');
    expect(result.stdout.split('\n')).toHaveLength(4);
    expect(result.stdout).toMatch(/raise --max-results above 2/);
    const json = await gyreJson<ListJson>('runs', 'list', '--max-results', '2');
    expect(json.runs).toHaveLength(2);
    expect(json.next_page_token).toEqual(expect.any(String));
  });

  it('exits 1 for a bad filter or an unknown experiment', async () => {
    const badFilter = await gyre('runs', 'list', '--filter', 'metrics.acc >> 1');
    expect(badFilter.code).toBe(1);
    expect(badFilter.stdout).toBe('');
    expect(badFilter.stderr).toBe(
      `gyre: INVALID_PARAMETER_VALUE: invalid filter "metrics.acc >> 1" at position 14: expected a number, found '>'`,
    );
    const badJson = await gyre('runs', 'list', '--filter', 'nope = 1', '--json');
    expect(badJson.code).toBe(1);
    expect(JSON.parse(badJson.stderr)).toMatchObject({ error_code: 'INVALID_PARAMETER_VALUE' });
    const unknown = await gyre('runs', 'list', '--experiment', 'ghost');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^gyre: RESOURCE_DOES_NOT_EXIST: .*ghost/);
  });
});

describe('gyre runs show', () => {
  it('prints a run with its params, latest metrics and tags', async () => {
    const result = await gyre('runs', 'show', runs.vit!);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe(`run ${runs.vit} 'vit'`);
    expect(lines).toEqual(
      expect.arrayContaining([
        '  experiment  1',
        '  status      FINISHED',
        '  started     2023-11-14 22:13:21Z',
        '  user        local',
        'params:',
        '  optimizer = sgd',
        'metrics (latest):',
        '  acc = 0.95 (step 2)',
        'tags:',
        '  owner = ana',
      ]),
    );
    expect(lines.find((line) => line.startsWith('  ended'))).toMatch(/Z$/);
  });

  it('prints JSON with --json', async () => {
    const { run } = await gyreJson<{ run: WireRun }>('runs', 'show', runs.bert!);
    expect(run.info).toMatchObject({ run_id: runs.bert, run_name: 'bert', status: 'FINISHED' });
    expect(run.data).toEqual({
      params: { optimizer: 'adam' },
      tags: { owner: 'ana' },
      metrics: { acc: { key: 'acc', value: 0.88, step: 2, timestamp: expect.any(Number) } },
    });
  });

  it('exits 1 for an unknown run', async () => {
    const result = await gyre('runs', 'show', 'f'.repeat(32));
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: `gyre: RESOURCE_DOES_NOT_EXIST: no run with id '${'f'.repeat(32)}'`,
    });
  });
});

describe('gyre runs artifacts', () => {
  it('lists immediate children, a subdirectory, and every file with --recursive', async () => {
    const root = await gyre('runs', 'artifacts', runs.resnet!);
    expect(root.code).toBe(0);
    const lines = root.stdout.split('\n');
    expect(lines[0]).toMatch(/^PATH\s+SIZE\s+SHA256$/);
    expect(lines[1]).toMatch(/^model\/\s+-$/);
    expect(lines[2]).toMatch(/^readme\.md\s+8 B\s+[0-9a-f]{12}$/);

    const model = await gyreJson<{ root: string; files: WireArtifactListing[] }>(
      'runs',
      'artifacts',
      runs.resnet!,
      '--path',
      'model',
    );
    expect(model.root).toBe('model');
    expect(model.files.map((f) => [f.path, f.is_dir])).toEqual([
      ['model/meta', true],
      ['model/model.onnx', false],
    ]);

    const all = await gyreJson<{ files: WireArtifactListing[] }>(
      'runs',
      'artifacts',
      runs.resnet!,
      '--recursive',
    );
    expect(all.files.map((f) => [f.path, f.file_size]).sort()).toEqual([
      ['model/meta/info.json', 7],
      ['model/model.onnx', 10],
      ['readme.md', 8],
    ]);
    expect((await gyre('runs', 'artifacts', runs.vit!)).stdout).toBe('(none)');
  });

  it('downloads a directory and a single file with --download', async () => {
    const dest = join(home, 'download');
    const dir = await gyre(
      'runs',
      'artifacts',
      runs.resnet!,
      '--path',
      'model',
      '--download',
      dest,
    );
    expect(dir).toEqual({
      code: 0,
      stdout: `downloaded 2 file(s), 17 B, to ${dest}`,
      stderr: '',
    });
    expect(readFileSync(join(dest, 'model.onnx'), 'utf8')).toBe('onnx-bytes');
    expect(readFileSync(join(dest, 'meta', 'info.json'), 'utf8')).toBe('{"v":1}');

    const fileDest = join(home, 'one');
    const file = await gyreJson<{ downloaded: string[]; bytes: number; destination: string }>(
      'runs',
      'artifacts',
      runs.resnet!,
      '--path',
      'readme.md',
      '--download',
      fileDest,
    );
    expect(file).toEqual({ downloaded: ['readme.md'], bytes: 8, destination: fileDest });
    expect(readdirSync(fileDest)).toEqual(['readme.md']);
  });

  it('exits 1 for an unknown run or a missing path', async () => {
    const unknown = await gyre('runs', 'artifacts', 'f'.repeat(32));
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^gyre: RESOURCE_DOES_NOT_EXIST: /);
    const dest = join(home, 'nothing');
    const traversal = await gyre(
      'runs',
      'artifacts',
      runs.resnet!,
      '--path',
      '../x',
      '--download',
      dest,
    );
    expect(traversal.code).toBe(1);
    expect(traversal.stderr).toMatch(/^gyre: INVALID_PARAMETER_VALUE: .*'\.\.'/);
    expect(existsSync(dest)).toBe(false);
  });
});
