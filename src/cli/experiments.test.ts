import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WireExperiment } from '../api/wire/schemas.js';
import { runCli, runCliJson } from '../testing/run-cli.js';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'gyre-cli-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const gyre = (...args: string[]) => runCli(...args, '--home', home);
const gyreJson = <T>(...args: string[]) => runCliJson<T>(...args, '--home', home);

interface ListJson {
  experiments: WireExperiment[];
  next_page_token: string | null;
}

describe('gyre experiments', () => {
  it('creates experiments (text and --json) and lists them newest first', async () => {
    const created = await gyre(
      'experiments',
      'create',
      'fraud',
      '--tag',
      'team=risk',
      '--tag',
      'tier=1',
    );
    expect(created).toEqual({ code: 0, stdout: "created experiment 1 'fraud'", stderr: '' });
    const json = await gyreJson<{ experiment: WireExperiment }>('experiments', 'create', 'churn');
    expect(json.experiment).toMatchObject({
      experiment_id: '2',
      name: 'churn',
      lifecycle_stage: 'active',
      tags: {},
    });

    const list = await gyre('experiments', 'list');
    expect(list.code).toBe(0);
    const lines = list.stdout.split('\n');
    expect(lines[0]).toMatch(/^ID\s+NAME\s+STAGE\s+CREATED\s+TAGS$/);
    expect(lines.slice(1).map((line) => line.split(/\s+/).slice(0, 3))).toEqual([
      ['2', 'churn', 'active'],
      ['1', 'fraud', 'active'],
      ['0', 'Default', 'active'],
    ]);
    expect(lines[2]).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ\s+team=risk tier=1$/);

    const listed = await gyreJson<ListJson>('experiments', 'list');
    expect(listed.experiments.map((e) => e.name)).toEqual(['churn', 'fraud', 'Default']);
    expect(listed.experiments[1]!.tags).toEqual({ team: 'risk', tier: '1' });
    expect(listed.next_page_token).toBeNull();
  });

  it('lists with --filter and --max-results', async () => {
    for (const name of ['fraud-a', 'fraud-b', 'churn']) await gyre('experiments', 'create', name);
    const filtered = await gyreJson<ListJson>(
      'experiments',
      'list',
      '--filter',
      "name LIKE 'fraud%'",
    );
    expect(filtered.experiments.map((e) => e.name).sort()).toEqual(['fraud-a', 'fraud-b']);

    const limited = await gyre('experiments', 'list', '--max-results', '2');
    expect(limited.code).toBe(0);
    expect(limited.stdout.split('\n')).toHaveLength(4);
    expect(limited.stdout).toMatch(/\(more experiments exist; use --max-results or --filter\)$/);
    const limitedJson = await gyreJson<ListJson>('experiments', 'list', '--max-results', '2');
    expect(limitedJson.next_page_token).toEqual(expect.any(String));
  });

  it('deletes and restores by name or id', async () => {
    await gyre('experiments', 'create', 'doomed');
    const deleted = await gyre('experiments', 'delete', 'doomed');
    expect(deleted).toEqual({
      code: 0,
      stdout: "deleted experiment 1 'doomed' (restore with: gyre experiments restore 1)",
      stderr: '',
    });
    const active = await gyreJson<ListJson>('experiments', 'list');
    expect(active.experiments.map((e) => e.name)).toEqual(['Default']);
    const gone = await gyreJson<ListJson>('experiments', 'list', '--view', 'DELETED_ONLY');
    expect(gone.experiments.map((e) => [e.name, e.lifecycle_stage])).toEqual([
      ['doomed', 'deleted'],
    ]);

    const restored = await gyre('experiments', 'restore', '1');
    expect(restored.stdout).toBe("restored experiment 1 'doomed'");
    const again = await gyreJson<{ experiment: WireExperiment }>('experiments', 'delete', '1');
    expect(again.experiment.lifecycle_stage).toBe('deleted');
    const back = await gyreJson<{ experiment: WireExperiment }>('experiments', 'restore', 'doomed');
    expect(back.experiment.lifecycle_stage).toBe('active');
  });

  it('renames by name or id', async () => {
    await gyre('experiments', 'create', 'old');
    const renamed = await gyre('experiments', 'rename', 'old', 'new');
    expect(renamed).toEqual({ code: 0, stdout: "renamed experiment 1 to 'new'", stderr: '' });
    const json = await gyreJson<{ experiment: WireExperiment }>(
      'experiments',
      'rename',
      '1',
      'newer',
    );
    expect(json.experiment).toMatchObject({ experiment_id: '1', name: 'newer' });
    const listed = await gyreJson<ListJson>('experiments', 'list');
    expect(listed.experiments.map((e) => e.name)).toEqual(['newer', 'Default']);
  });

  it('exits 1 with the error code for failures, as text or JSON on stderr', async () => {
    await gyre('experiments', 'create', 'dup');
    const duplicate = await gyre('experiments', 'create', 'dup');
    expect(duplicate.code).toBe(1);
    expect(duplicate.stdout).toBe('');
    expect(duplicate.stderr).toMatch(
      /^gyre: RESOURCE_ALREADY_EXISTS: experiment 'dup' already exists/,
    );

    const missing = await gyre('experiments', 'delete', 'ghost', '--json');
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stderr)).toEqual({
      error_code: 'RESOURCE_DOES_NOT_EXIST',
      message: "no experiment named 'ghost'",
    });

    const defaultExperiment = await gyre('experiments', 'delete', '0');
    expect(defaultExperiment.code).toBe(1);
    expect(defaultExperiment.stderr).toMatch(/^gyre: INVALID_PARAMETER_VALUE: .*cannot be deleted/);

    const badFilter = await gyre('experiments', 'list', '--filter', "name = 'x' and");
    expect(badFilter.code).toBe(1);
    expect(badFilter.stderr).toMatch(
      /^gyre: INVALID_PARAMETER_VALUE: invalid filter .* at position \d+/,
    );
  });

  it('exits 2 for a malformed command line', async () => {
    const badTag = await gyre('experiments', 'create', 'x', '--tag', 'novalue');
    expect(badTag).toEqual({
      code: 2,
      stdout: '',
      stderr: "gyre: --tag expects key=value, got 'novalue'",
    });
    expect((await gyre('experiments', 'rename', 'only-one')).code).toBe(2);
    expect((await gyre('experiments', 'frobnicate')).code).toBe(2);
    const listed = await gyreJson<ListJson>('experiments', 'list', '--view', 'ALL');
    expect(listed.experiments.map((e) => e.name)).toEqual(['Default']);
  });
});
