import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, runCliJson } from '../testing/run-cli.js';
import { vegaFile } from '../testing/vega-data.js';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'gyre-cli-data-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const gyre = (...args: string[]) => runCli(...args, '--home', home);
const gyreJson = <T>(...args: string[]) => runCliJson<T>(...args, '--home', home);
const weather = vegaFile('seattle-weather.csv');
const lines = () => readFileSync(weather, 'utf8').trimEnd().split('\n');
const write = (name: string, text: string) => {
  const path = join(home, name);
  writeFileSync(path, text);
  return path;
};

describe('gyre data', () => {
  it('adds, lists, shows, aliases and downloads versions', async () => {
    const added = await gyre(
      'data',
      'add',
      weather,
      '--name',
      'weather',
      '--tag',
      'team=ops',
      '--alias',
      'reference',
    );
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(
      /^added datasets:\/weather\/1: 1,461 rows, 6 columns, 47\.1 KiB \(sha256 [0-9a-f]{12}…\)$/,
    );
    const again = await gyre('data', 'add', weather, '--name', 'weather');
    expect(again.stdout).toBe(
      'no new version: datasets:/weather/1 already holds these bytes with this spec',
    );
    const copy = await gyre('data', 'add', weather, '--name', 'copy');
    expect(copy.stdout).toMatch(/same bytes as datasets:\/weather\/1: stored once/);

    const listed = await gyreJson<{
      datasets: { name: string; aliases: Record<string, number> }[];
    }>('data', 'list');
    expect(listed.datasets.map((d) => [d.name, d.aliases])).toEqual([
      ['copy', {}],
      ['weather', { reference: 1 }],
    ]);
    expect((await gyre('data', 'list', 'weather')).stdout).toMatch(
      /^version\s+rows\s+size\s+source\s+aliases.*\n1\s+1,461\s+47\.1 KiB\s+seattle-weather\.csv\s+reference/,
    );
    const shown = await gyre('data', 'show', 'weather@reference');
    expect(shown.stdout).toContain('datasets:/weather/1  seattle-weather.csv, 47.1 KiB, csv');
    expect(shown.stdout).toMatch(
      /weather\s+string\s+0\s+5 distinct; rain \(641\), sun \(640\), fog \(101\)/,
    );
    expect(shown.stdout).toContain('used by no run yet');
    const profile = JSON.parse((await gyre('data', 'show', 'weather', '--profile')).stdout) as {
      row_count: number;
    };
    expect(profile.row_count).toBe(1461);

    const target = join(home, 'copy.csv');
    expect((await gyre('data', 'download', 'weather@1', '--out', target)).code).toBe(0);
    expect(readFileSync(target)).toEqual(readFileSync(weather));
    const existing = await gyre('data', 'download', 'weather@1', '--out', target);
    expect(existing.code).toBe(1);
    expect(existing.stderr).toMatch(/copy\.csv exists; pass --force/);
    expect((await gyre('data', 'download', 'weather@1', '--out', target, '--force')).code).toBe(0);
    const badAlias = await gyre('data', 'add', weather, '--name', 'other', '--alias', 'latest');
    expect(badAlias.code).toBe(1);
    expect((await gyre('data', 'list', 'other')).code).toBe(1);
    expect((await gyre('data', 'alias', 'weather', 'reference', '--delete')).code).toBe(0);
    const gone = await gyre('data', 'show', 'weather@reference');
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(
      /RESOURCE_DOES_NOT_EXIST: nothing named datasets:\/weather@reference/,
    );
  });

  it('validates with exit status 1 on violations, and --json for machines', async () => {
    const spec = write(
      'spec.yaml',
      'columns:\n  wind: {min: 0, max: 10}\n  weather: {allowed: [rain, sun, fog, drizzle, snow]}\n',
    );
    expect((await gyre('data', 'add', weather, '--name', 'weather', '--spec', spec)).code).toBe(0);
    const good = await gyre('data', 'validate', weather, '--against', 'weather');
    expect(good).toMatchObject({
      code: 0,
      stdout: 'valid: 1461 rows, 6 columns checked, every rule passed',
    });
    const rows = lines();
    const bad = write('bad.csv', [rows[0], '2016-01-01,1,2,3,12,hail'].join('\n'));
    const text = await gyre('data', 'validate', bad, '--against', 'weather@1');
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/^invalid: 2 rules failed/);
    expect(text.stdout).toMatch(/wind\s+max\s+<= 10\s+1\s+row 0: "12"/);
    const json = await runCli(
      'data',
      'validate',
      bad,
      '--against',
      'weather',
      '--json',
      '--home',
      home,
    );
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      valid: false,
      failures: [{ column: 'wind' }, { column: 'weather' }],
    });
    const refused = await gyre('data', 'add', bad, '--name', 'weather', '--spec', spec);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/bad\.csv does not meet its spec: column "wind" max/);
  });

  it('diffs two versions', async () => {
    const rows = lines();
    await gyre('data', 'add', write('early.csv', rows.slice(0, 700).join('\n')), '--name', 'w');
    await gyre(
      'data',
      'add',
      write('late.csv', [rows[0], ...rows.slice(-700)].join('\n')),
      '--name',
      'w',
    );
    const diff = await gyre('data', 'diff', 'w@1', 'w@2');
    expect(diff.code).toBe(0);
    expect(diff.stdout).toMatch(/^datasets:\/w\/1 → datasets:\/w\/2\nrows 699 → 700 \(\+1\)/);
    expect(diff.stdout).toMatch(
      /weather\s+DRIFTED\s+0\.\d+\s+jensenshannon\s+count 699→700, most_frequent rain→sun/,
    );
    const json = await gyreJson<{ drifted_columns: string[] }>('data', 'diff', 'w@1', 'w@2');
    expect(json.drifted_columns).toContain('weather');
  });
});
