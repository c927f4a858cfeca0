import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  WireAuditEntry,
  WireModelVersion,
  WireRegisteredModel,
} from '../api/wire/registry-schemas.js';
import { GyreClient } from '../sdk/index.js';
import { paddleModels } from '../testing/paddle-models.js';
import { sha256, tinyVariant, writeModelFile } from '../testing/registry-fixtures.js';
import { runCli, runCliJson } from '../testing/run-cli.js';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'gyre-cli-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const gyre = (...args: string[]) => runCli(...args, '--home', home);
const gyreJson = <T>(...args: string[]) => runCliJson<T>(...args, '--home', home);

const cls = readFileSync(paddleModels.cls);
const clsDigest = sha256(cls);
/** A tiny model written under the test's home. */
const tinyFile = (variant: string) =>
  writeModelFile(join(home, 'files'), `${variant}.onnx`, tinyVariant(variant));

describe('gyre models register', () => {
  it('registers a file with an alias and prints the version and its signature', async () => {
    const result = await gyre(
      'models',
      'register',
      paddleModels.cls,
      '--name',
      'ocr',
      '--alias',
      'champion',
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout.split('\n')).toEqual([
      `registered models:/ocr/1 (aliases: champion): 565.4 KiB, sha256 ${clsDigest.slice(0, 12)}`,
      '  input   x  FLOAT [p2o.DynamicDimension.0, 3, p2o.DynamicDimension.1, p2o.DynamicDimension.2]',
      '  output  softmax_0.tmp_0  FLOAT [p2o.DynamicDimension.3, 2]',
    ]);
  });

  it('prints the version as JSON with --json, with tags, description and a second alias', async () => {
    const json = await gyreJson<{ model_version: WireModelVersion }>(
      'models',
      'register',
      paddleModels.cls,
      '--name',
      'ocr',
      '--alias',
      'champion',
      '--alias',
      'challenger',
      '--tag',
      'lang=ch',
      '--description',
      'direction',
    );
    expect(json.model_version).toMatchObject({
      name: 'ocr',
      version: 1,
      uri: 'models:/ocr/1',
      status: 'READY',
      source: `file:${paddleModels.cls}`,
      digest: clsDigest,
      size: cls.byteLength,
      user_id: 'local',
      description: 'direction',
      tags: { lang: 'ch' },
    });
    expect([...json.model_version.aliases].sort()).toEqual(['challenger', 'champion']);
    expect(json.model_version.signature!.inputs[0]!.type.shape).toEqual([
      'p2o.DynamicDimension.0',
      3,
      'p2o.DynamicDimension.1',
      'p2o.DynamicDimension.2',
    ]);
  });

  it('exits 1 with the INVALID_PARAMETER_VALUE message for a truncated file', async () => {
    const truncated = writeModelFile(join(home, 'files'), 'cut.onnx', cls.subarray(0, 1000));
    const result = await gyre('models', 'register', truncated, '--name', 'ocr');
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'gyre: INVALID_PARAMETER_VALUE: not an ONNX model: protobuf parse failed at byte 877 (index out of range: 877 + 128 > 1000)',
    });
    const json = await gyre('models', 'register', truncated, '--name', 'ocr', '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stderr)).toEqual({
      error_code: 'INVALID_PARAMETER_VALUE',
      message: expect.stringMatching(/^not an ONNX model: protobuf parse failed at byte 877/),
    });
    const list = await gyreJson<{ models: WireRegisteredModel[] }>('models', 'list');
    expect(list.models).toEqual([]);
  });

  it('exits 2 for a missing --name and 1 for a missing file', async () => {
    expect((await gyre('models', 'register', tinyFile('a'))).code).toBe(2);
    const missing = await gyre('models', 'register', join(home, 'nope.onnx'), '--name', 'm');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^gyre: INVALID_PARAMETER_VALUE: .*is not a readable file$/);
  });
});

describe('gyre models list, show, alias, history, stage, delete', () => {
  beforeEach(async () => {
    for (const variant of ['a', 'b']) {
      const result = await gyre('models', 'register', tinyFile(variant), '--name', 'churn');
      expect(result.code, result.stderr).toBe(0);
    }
    await gyre('models', 'register', tinyFile('c'), '--name', 'fraud', '--alias', 'champion');
  });

  it('lists models', async () => {
    const result = await gyre('models', 'list');
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^NAME\s+LATEST\s+ALIASES\s+UPDATED\s+DESCRIPTION$/);
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^churn\s+2\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z$/),
      expect.stringMatching(/^fraud\s+1\s+champion→1\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z$/),
    ]);
    const json = await gyreJson<{ models: WireRegisteredModel[]; next_page_token: null }>(
      'models',
      'list',
      '--filter',
      "name = 'fraud'",
    );
    expect(json.models.map((m) => [m.name, m.aliases])).toEqual([['fraud', { champion: 1 }]]);
    expect(json.next_page_token).toBeNull();
  });

  it('shows a model, a version by number and by alias', async () => {
    const model = await gyre('models', 'show', 'churn');
    expect(model.code).toBe(0);
    const lines = model.stdout.split('\n');
    expect(lines[0]).toBe("model 'churn'");
    expect(lines[2]).toMatch(/^VERSION\s+STATUS\s+STAGE\s+ALIASES\s+SIZE\s+CREATED\s+SOURCE$/);
    expect(lines.slice(3).map((line) => line.split(/\s+/).slice(0, 3))).toEqual([
      ['2', 'READY', 'None'],
      ['1', 'READY', 'None'],
    ]);
    const modelJson = await gyreJson<{
      model: WireRegisteredModel;
      model_versions: WireModelVersion[];
    }>('models', 'show', 'churn');
    expect(modelJson.model.latest_version).toBe(2);
    expect(modelJson.model_versions.map((v) => v.version)).toEqual([2, 1]);

    const version = await gyre('models', 'show', 'churn/1');
    expect(version.code).toBe(0);
    const digest = sha256(tinyVariant('a'));
    expect(version.stdout.split('\n')).toEqual([
      'models:/churn/1  READY',
      '  stage None',
      `  source file:${join(home, 'files', 'a.onnx')}`,
      `  ${tinyVariant('a').byteLength} B, sha256 ${digest}`,
      expect.stringMatching(/^ {2}created \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z by local$/),
      '  onnx: ir 8, opsets ai.onnx 13, producer gyre-tests 1',
      '  input   x  FLOAT [batch, 3]',
      '  output  y  FLOAT [batch, 3]',
    ]);

    const byAlias = await gyre('models', 'show', 'fraud@champion');
    expect(byAlias.stdout.split('\n').slice(0, 2)).toEqual([
      'models:/fraud/1  READY',
      '  stage None, aliases champion',
    ]);
    const latest = await gyreJson<{ model_version: WireModelVersion }>(
      'models',
      'show',
      'churn/latest',
    );
    expect(latest.model_version.version).toBe(2);
    const uri = await gyreJson<{ model_version: WireModelVersion }>(
      'models',
      'show',
      'models:/churn/1',
    );
    expect(uri.model_version.digest).toBe(digest);

    for (const ref of ['ghost', 'churn/9', 'churn@nope']) {
      const missing = await gyre('models', 'show', ref);
      expect(missing.code, ref).toBe(1);
      expect(missing.stderr).toMatch(/^gyre: RESOURCE_DOES_NOT_EXIST: /);
    }
  });

  // The name goes into a filter string; a backslash in it must stay a backslash.
  it('shows the versions of a model whose name holds a backslash', async () => {
    await gyre('models', 'register', tinyFile('slash'), '--name', 'a\\b');
    await gyre('models', 'register', tinyFile('plain1'), '--name', 'ab');
    await gyre('models', 'register', tinyFile('plain2'), '--name', 'ab');
    const shown = await gyreJson<{ model_versions: WireModelVersion[] }>('models', 'show', 'a\\b');
    expect(shown.model_versions.map((v) => v.uri)).toEqual(['models:/a\\b/1']);
  });

  it('sets, moves and removes aliases', async () => {
    expect(await gyre('models', 'alias', 'set', 'churn', 'champion', '1')).toEqual({
      code: 0,
      stdout: 'churn@champion → 1',
      stderr: '',
    });
    expect((await gyre('models', 'alias', 'set', 'churn', 'champion', '2')).stdout).toBe(
      'churn@champion moved 1 → 2',
    );
    const shown = await gyreJson<{ model_version: WireModelVersion }>(
      'models',
      'show',
      'churn@champion',
    );
    expect(shown.model_version.version).toBe(2);
    expect(await gyre('models', 'alias', 'rm', 'churn', 'champion')).toEqual({
      code: 0,
      stdout: 'deleted alias churn@champion',
      stderr: '',
    });
    const reserved = await gyre('models', 'alias', 'set', 'churn', 'latest', '1');
    expect(reserved.code).toBe(1);
    expect(reserved.stderr).toMatch(/^gyre: INVALID_PARAMETER_VALUE: 'latest' is reserved/);
    const unknown = await gyre('models', 'alias', 'rm', 'churn', 'champion');
    expect(unknown).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/RESOURCE_DOES_NOT_EXIST/),
    });
  });

  it('prints the history with actor and old → new', async () => {
    await gyre('models', 'alias', 'set', 'churn', 'champion', '1');
    await gyre('models', 'alias', 'set', 'churn', 'champion', '2');
    const result = await gyre('models', 'history', 'churn');
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^TIME\s+ACTOR\s+ACTION\s+VERSION\s+SUBJECT\s+CHANGE$/);
    expect(lines[1]).toMatch(/^\d{4}-\d{2}-\d{2} \S+\s+local\s+alias\.set\s+champion\s+1 → 2$/);
    expect(lines[2]).toMatch(/\s+local\s+alias\.set\s+champion\s+null → 1$/);
    expect(lines.slice(1).map((line) => line.split(/\s+/)[3])).toEqual([
      'alias.set',
      'alias.set',
      'version.created',
      'version.created',
      'model.created',
    ]);
    const json = await gyreJson<{ entries: WireAuditEntry[] }>('models', 'history', 'churn');
    expect(json.entries[0]).toMatchObject({
      actor: 'local',
      action: 'alias.set',
      subject: 'champion',
      old_value: 1,
      new_value: 2,
    });
    expect((await gyre('models', 'history', 'ghost')).code).toBe(1);
  });

  it('moves a version to a stage', async () => {
    expect(await gyre('models', 'stage', 'churn/1', 'Production')).toEqual({
      code: 0,
      stdout: 'models:/churn/1 is now in Production',
      stderr: '',
    });
    await gyre('models', 'stage', 'churn/2', 'production', '--archive-existing');
    const versions = await gyreJson<{ model_versions: WireModelVersion[] }>(
      'models',
      'show',
      'churn',
    );
    expect(versions.model_versions.map((v) => [v.version, v.stage])).toEqual([
      [2, 'Production'],
      [1, 'Archived'],
    ]);
    const bad = await gyre('models', 'stage', 'churn/1', 'Live');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^gyre: INVALID_PARAMETER_VALUE: stage must be one of/);
  });

  it('refuses to delete an aliased version without --force, then deletes it and the alias', async () => {
    const refused = await gyre('models', 'delete', 'fraud/1');
    expect(refused).toEqual({
      code: 1,
      stdout: '',
      stderr:
        "gyre: RESOURCE_CONFLICT: version 1 of 'fraud' is the target of alias(es) champion; move them first, or delete with force to remove them too",
    });
    expect((await gyre('models', 'show', 'fraud/1')).code).toBe(0);
    expect(await gyre('models', 'delete', 'fraud/1', '--force')).toEqual({
      code: 0,
      stdout: 'deleted models:/fraud/1 and alias(es) champion',
      stderr: '',
    });
    expect((await gyre('models', 'show', 'fraud/1')).code).toBe(1);
    expect((await gyre('models', 'show', 'fraud@champion')).code).toBe(1);

    expect((await gyre('models', 'delete', 'churn/2')).stdout).toBe('deleted models:/churn/2');
    const model = await gyre('models', 'delete', 'churn');
    expect(model.code).toBe(1);
    expect(model.stderr).toMatch(
      /^gyre: RESOURCE_CONFLICT: registered model 'churn' still has versions 1;/,
    );
    expect((await gyre('models', 'delete', 'churn', '--force')).stdout).toBe(
      "deleted model 'churn' with 1 version(s) and 0 alias(es)",
    );
    const list = await gyreJson<{ models: WireRegisteredModel[] }>('models', 'list');
    expect(list.models.map((m) => m.name)).toEqual(['fraud']);
  });
});

describe('gyre models lineage', () => {
  it('prints version → run → inputs', async () => {
    const client = await GyreClient.local({ flags: { home }, env: {} });
    let runId: string;
    try {
      const experiment = await client.experiments.create({ name: 'flights' });
      const run = await client.runs.create({
        experimentId: experiment.experimentId,
        runName: 'baseline',
      });
      runId = run.info.runId;
      await client.runs.logParam(runId, 'lr', '0.1');
      await client.runs.logInputs(runId, [
        {
          kind: 'dataset',
          ref: 's3://lake/flights/2001.parquet',
          digest: `sha256:${'9e1d0c'.repeat(10)}abcd`,
        },
      ]);
      await client.artifacts.upload(runId, 'model/model.onnx', Readable.from([tinyVariant('l')]));
      await client.runs.update(runId, { status: 'FINISHED' });
    } finally {
      await client.close();
    }
    const registered = await gyre('models', 'register', `runs:/${runId}/model`, '--name', 'delays');
    expect(registered.code, registered.stderr).toBe(0);
    const digest = sha256(tinyVariant('l'));

    const result = await gyre('models', 'lineage', 'delays/1');
    expect(result).toEqual({
      code: 0,
      stdout: [
        `models:/delays/1  sha256 ${digest.slice(0, 12)}  from runs:/${runId}/model/model.onnx`,
        `  run ${runId} 'baseline' (experiment 1, FINISHED)`,
        `    dataset: s3://lake/flights/2001.parquet  (sha256:9e1d0c9e1d0c)`,
      ].join('\n'),
      stderr: '',
    });
    const json = await gyreJson<{ lineage: { run: { params: Record<string, string> } } }>(
      'models',
      'lineage',
      'delays',
    );
    expect(json.lineage.run.params).toEqual({ lr: '0.1' });

    await gyre('models', 'register', tinyFile('plain'), '--name', 'delays');
    expect((await gyre('models', 'lineage', 'delays/2')).stdout.split('\n').slice(1)).toEqual([
      '  run: none recorded',
    ]);
  });
});
