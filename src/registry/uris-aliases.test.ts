import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectGyreError } from '../testing/expect-gyre-error.js';
import { tinyVariant, writeModelFile } from '../testing/registry-fixtures.js';
import { openTempGyre } from '../testing/temp-gyre.js';
import { parseModelUri } from './index.js';

let gyre: Awaited<ReturnType<typeof openTempGyre>>;
beforeEach(async () => {
  gyre = await openTempGyre();
});
afterEach(() => gyre.dispose());

/** Registers `count` distinct versions of `name`; returns their digests by version number. */
async function seed(name: string, count: number): Promise<Record<number, string>> {
  const digests: Record<number, string> = {};
  for (let i = 1; i <= count; i += 1) {
    const path = writeModelFile(
      join(gyre.config.home, 'in'),
      `${name}-${i}.onnx`,
      tinyVariant(`${name}${i}`),
    );
    const version = await gyre.registry.versions.register({ name, source: { uri: path } });
    digests[version.version] = version.digest;
  }
  return digests;
}

const resolve = (uri: string) => gyre.registry.versions.resolve(uri);
const resolved = async (uri: string) => (await resolve(uri)).version;

describe('model URIs', () => {
  it('resolves every form: number, latest, stage, alias', async () => {
    const digests = await seed('churn', 3);
    await gyre.registry.versions.transitionStage('churn', 2, 'Production');
    await gyre.registry.versions.transitionStage('churn', 1, 'Staging');
    await gyre.registry.models.setAlias('churn', 'champion', 1);

    const three = await resolve('models:/churn/3');
    expect(three).toMatchObject({ name: 'churn', version: 3, uri: 'models:/churn/3' });
    expect(three.digest).toBe(digests[3]);
    expect(await resolved('models:/churn/1')).toBe(1);
    expect(await resolved('models:/churn/latest')).toBe(3);
    expect(await resolved('models:/churn/LATEST')).toBe(3);
    expect(await resolved('models:/churn/Production')).toBe(2);
    expect(await resolved('models:/churn/production')).toBe(2);
    expect(await resolved('models:/churn/Staging')).toBe(1);
    expect(await resolved('models:/churn@champion')).toBe(1);
    expect((await resolve('models:/churn@champion')).aliases).toEqual(['champion']);
  });

  it('parses run and file URIs, which resolve() refuses as not registered', async () => {
    expect(parseModelUri('runs:/abc/model/model.onnx')).toEqual({
      kind: 'run',
      runId: 'abc',
      path: 'model/model.onnx',
    });
    expect(parseModelUri('file:///tmp/m.onnx')).toEqual({ kind: 'file', path: '/tmp/m.onnx' });
    expect(parseModelUri('./m.onnx')).toEqual({ kind: 'file', path: './m.onnx' });
    expect(parseModelUri('models:/a.b-c/7')).toEqual({
      kind: 'version',
      name: 'a.b-c',
      version: 7,
    });
    for (const uri of ['runs:/abc/model.onnx', '/tmp/m.onnx', 'file:/tmp/m.onnx'])
      await expectGyreError(resolve(uri), 'INVALID_PARAMETER_VALUE', /not a registered model URI/);
  });

  it.each([
    ['', /non-empty/],
    ['models:/churn', /not a model URI/],
    ['models:/', /not a model URI/],
    ['models:/churn/', /not a model URI/],
    ['models:/@champion', /not a model URI/],
    [
      'models:/churn/v2',
      /'v2' in 'models:\/churn\/v2' is neither a version number.*models:\/churn@v2/,
    ],
    ['models:/churn/0', /positive integer/],
    ['runs:/only-a-run', /not a run URI/],
    ['s3://bucket/m.onnx', /unsupported model URI scheme/],
  ])('refuses the bad URI %j', async (uri, message) => {
    await seed('churn', 1);
    await expectGyreError(resolve(uri), 'INVALID_PARAMETER_VALUE', message);
  });

  it('refuses a URI with an empty alias as malformed', async () => {
    await seed('churn', 1);
    await expectGyreError(resolve('models:/churn@'), 'INVALID_PARAMETER_VALUE');
  });

  it('answers RESOURCE_DOES_NOT_EXIST for unknown models, versions, aliases, stages', async () => {
    await seed('churn', 2);
    await expectGyreError(resolve('models:/ghost/1'), 'RESOURCE_DOES_NOT_EXIST', /ghost/);
    await expectGyreError(resolve('models:/ghost/latest'), 'RESOURCE_DOES_NOT_EXIST', /ghost/);
    await expectGyreError(resolve('models:/churn/9'), 'RESOURCE_DOES_NOT_EXIST', /no version 9/);
    await expectGyreError(
      resolve('models:/churn@nope'),
      'RESOURCE_DOES_NOT_EXIST',
      /has no alias 'nope'/,
    );
    await expectGyreError(
      resolve('models:/churn/Production'),
      'RESOURCE_DOES_NOT_EXIST',
      /no version in stage Production/,
    );
  });

  it('never resolves deleted versions, nor versions of deleted models', async () => {
    await seed('churn', 3);
    await gyre.registry.versions.transitionStage('churn', 3, 'Production');
    await gyre.registry.versions.delete('churn', 3);
    await expectGyreError(resolve('models:/churn/3'), 'RESOURCE_DOES_NOT_EXIST', /no version 3/);
    await expectGyreError(gyre.registry.versions.get('churn', 3), 'RESOURCE_DOES_NOT_EXIST');
    expect(await resolved('models:/churn/latest')).toBe(2);
    await expectGyreError(resolve('models:/churn/Production'), 'RESOURCE_DOES_NOT_EXIST');
    await expectGyreError(
      gyre.registry.versions.read('models:/churn/3'),
      'RESOURCE_DOES_NOT_EXIST',
    );

    await gyre.registry.models.delete('churn', { force: true });
    for (const uri of ['models:/churn/1', 'models:/churn/latest'])
      await expectGyreError(resolve(uri), 'RESOURCE_DOES_NOT_EXIST');
    const deleted = await gyre.registry.versions.search({ view: 'DELETED_ONLY' });
    expect(deleted.items.map((v) => v.version)).toEqual([3, 2, 1]);
  });

  it('reads the exact bytes of any URI', async () => {
    const bytes = tinyVariant('read');
    const path = writeModelFile(join(gyre.config.home, 'in'), 'r.onnx', bytes);
    await gyre.registry.versions.register({ name: 'r', source: { uri: path }, aliases: ['a'] });
    for (const uri of ['models:/r/1', 'models:/r@a', 'models:/r/latest', path]) {
      const read = await gyre.registry.versions.read(uri);
      expect(read.bytes.equals(Buffer.from(bytes)), uri).toBe(true);
    }
    expect((await gyre.registry.versions.read('models:/r@a')).version?.version).toBe(1);
    expect((await gyre.registry.versions.read(path)).version).toBeUndefined();
  });
});

describe('aliases', () => {
  it('sets, moves atomically and deletes an alias', async () => {
    await seed('churn', 2);
    const models = gyre.registry.models;
    await models.setAlias('churn', 'champion', 1);
    await models.setAlias('churn', 'challenger', '2');
    expect((await models.get('churn')).aliases).toEqual({ champion: 1, challenger: 2 });
    expect((await gyre.registry.versions.get('churn', 2)).aliases).toEqual(['challenger']);

    await models.setAlias('churn', 'champion', 2);
    expect((await models.get('churn')).aliases).toEqual({ champion: 2, challenger: 2 });
    expect((await gyre.registry.versions.get('churn', 1)).aliases).toEqual([]);
    expect((await gyre.registry.versions.get('churn', 2)).aliases.sort()).toEqual([
      'challenger',
      'champion',
    ]);
    expect(await resolved('models:/churn@champion')).toBe(2);

    // The move is one change: old → new in a single audit entry.
    const moves = (await models.history('churn')).items.filter(
      (e) => e.action === 'alias.set' && e.subject === 'champion',
    );
    expect(moves.map((e) => [e.oldValue, e.newValue])).toEqual([
      [1, 2],
      [null, 1],
    ]);

    // Pointing it where it already points changes nothing.
    const before = (await models.history('churn')).items.length;
    await models.setAlias('churn', 'champion', 2);
    expect((await models.history('churn')).items).toHaveLength(before);

    await models.deleteAlias('churn', 'champion');
    expect((await models.get('churn')).aliases).toEqual({ challenger: 2 });
    await expectGyreError(resolve('models:/churn@champion'), 'RESOURCE_DOES_NOT_EXIST');
    await expectGyreError(
      models.deleteAlias('churn', 'champion'),
      'RESOURCE_DOES_NOT_EXIST',
      /no alias 'champion'/,
    );
  });

  it.each([
    ['latest', /'latest' is reserved/],
    ['LATEST', /'latest' is reserved/],
    ['v3', /'v3' is reserved: it would read as a version number/],
    ['a/b', /letters, digits, _ and -/],
    ['a b', /letters, digits, _ and -/],
    ['', /non-empty/],
  ])('refuses the alias name %j', async (alias, message) => {
    await seed('churn', 1);
    await expectGyreError(
      () => gyre.registry.models.setAlias('churn', alias, 1),
      'INVALID_PARAMETER_VALUE',
      message,
    );
    await expectGyreError(
      gyre.registry.versions.register({
        name: 'churn',
        source: { uri: 'models:/churn/1' },
        aliases: [alias],
      }),
      'INVALID_PARAMETER_VALUE',
      message,
    );
    expect((await gyre.registry.models.get('churn')).latestVersion).toBe(1);
    expect((await gyre.registry.models.get('churn')).aliases).toEqual({});
  });

  // Validation failures reject the returned promise (as over HTTP) rather than throwing.
  it('reports an invalid alias through the returned promise', async () => {
    await seed('churn', 1);
    let outcome: Promise<void> | undefined;
    expect(() => {
      outcome = gyre.registry.models.setAlias('churn', 'latest', 1);
    }).not.toThrow();
    await expectGyreError(outcome!, 'INVALID_PARAMETER_VALUE', /reserved/);
  });

  it('accepts v-words that are not version numbers, and refuses unknown targets', async () => {
    await seed('churn', 1);
    await gyre.registry.models.setAlias('churn', 'v2-candidate', 1);
    await gyre.registry.models.setAlias('churn', 'vnext', 1);
    expect(await resolved('models:/churn@v2-candidate')).toBe(1);
    await expectGyreError(
      gyre.registry.models.setAlias('churn', 'champion', 5),
      'RESOURCE_DOES_NOT_EXIST',
      /no version 5/,
    );
    await expectGyreError(
      gyre.registry.models.setAlias('ghost', 'champion', 1),
      'RESOURCE_DOES_NOT_EXIST',
      /ghost/,
    );
    await expectGyreError(
      () => gyre.registry.models.setAlias('churn', 'champion', 0),
      'INVALID_PARAMETER_VALUE',
      /positive integer/,
    );
  });
});

describe('stages', () => {
  it('moves versions between stages, archiving the existing ones on request', async () => {
    await seed('churn', 3);
    const versions = gyre.registry.versions;
    expect((await versions.transitionStage('churn', 1, 'production')).stage).toBe('Production');
    await versions.transitionStage('churn', 2, 'Production');
    const stages = async () =>
      (await versions.search({ filter: "name = 'churn'" })).items.map((v) => [v.version, v.stage]);
    expect(await stages()).toEqual([
      [3, 'None'],
      [2, 'Production'],
      [1, 'Production'],
    ]);
    expect(await resolved('models:/churn/Production')).toBe(2);

    await versions.transitionStage('churn', 3, 'Production', { archiveExistingVersions: true });
    expect(await stages()).toEqual([
      [3, 'Production'],
      [2, 'Archived'],
      [1, 'Archived'],
    ]);
    expect(await resolved('models:/churn/Archived')).toBe(2);

    // Archiving only touches the target stage.
    await versions.transitionStage('churn', 1, 'Staging');
    await versions.transitionStage('churn', 2, 'Staging', { archiveExistingVersions: true });
    expect(await stages()).toEqual([
      [3, 'Production'],
      [2, 'Staging'],
      [1, 'Archived'],
    ]);
    const changes = (await gyre.registry.models.history('churn')).items
      .filter((e) => e.action === 'version.stage_changed')
      .map((e) => [e.version, e.oldValue, e.newValue]);
    expect(changes.slice(0, 3)).toEqual([
      [1, 'Staging', 'Archived'],
      [2, 'Archived', 'Staging'],
      [1, 'Archived', 'Staging'],
    ]);

    await expectGyreError(
      versions.transitionStage('churn', 1, 'Prod'),
      'INVALID_PARAMETER_VALUE',
      /stage must be one of None, Staging, Production, Archived/,
    );
    await expectGyreError(versions.transitionStage('churn', 8, 'None'), 'RESOURCE_DOES_NOT_EXIST');
  });
});

describe('deletion guards', () => {
  it('refuses to delete a version an alias points to, naming the alias; force removes it', async () => {
    await seed('churn', 2);
    await gyre.registry.models.setAlias('churn', 'champion', 2);
    await gyre.registry.models.setAlias('churn', 'backup', 2);
    await expectGyreError(
      gyre.registry.versions.delete('churn', 2),
      'RESOURCE_CONFLICT',
      /version 2 of 'churn' is the target of alias\(es\) backup, champion/,
    );
    expect(await resolved('models:/churn/2')).toBe(2);
    expect(await resolved('models:/churn@champion')).toBe(2);

    expect(await gyre.registry.versions.delete('churn', 2, { force: true })).toEqual({
      aliases: ['backup', 'champion'],
    });
    expect((await gyre.registry.models.get('churn')).aliases).toEqual({});
    await expectGyreError(resolve('models:/churn@champion'), 'RESOURCE_DOES_NOT_EXIST');
    expect(await gyre.registry.versions.delete('churn', 1)).toEqual({ aliases: [] });
    await expectGyreError(gyre.registry.versions.delete('churn', 1), 'RESOURCE_DOES_NOT_EXIST');
    expect((await gyre.registry.models.get('churn')).latestVersion).toBeNull();
  });

  it('refuses to delete a model with versions; force deletes them and its aliases', async () => {
    await seed('churn', 2);
    await gyre.registry.models.setAlias('churn', 'champion', 1);
    await expectGyreError(
      gyre.registry.models.delete('churn'),
      'RESOURCE_CONFLICT',
      /'churn' still has versions 1, 2 and aliases champion; delete it with force/,
    );
    expect((await gyre.registry.models.get('churn')).latestVersion).toBe(2);

    expect(await gyre.registry.models.delete('churn', { force: true })).toEqual({
      versions: [1, 2],
      aliases: ['champion'],
    });
    await expectGyreError(gyre.registry.models.get('churn'), 'RESOURCE_DOES_NOT_EXIST');
    expect((await gyre.registry.models.search()).items).toEqual([]);
    const deleted = await gyre.registry.models.search({ view: 'DELETED_ONLY' });
    expect(deleted.items.map((m) => [m.name, m.lifecycleStage])).toEqual([['churn', 'deleted']]);
    // The history outlives the model.
    expect((await gyre.registry.models.history('churn')).items[0]).toMatchObject({
      action: 'model.deleted',
      oldValue: { versions: [1, 2], aliases: ['champion'] },
      newValue: null,
    });
  });

  it('deletes a model without versions, and lets a new model take the name', async () => {
    await gyre.registry.models.create({ name: 'empty', description: 'nothing yet' });
    expect(await gyre.registry.models.delete('empty')).toEqual({ versions: [], aliases: [] });
    const again = await gyre.registry.models.create({ name: 'empty' });
    expect(again).toMatchObject({ name: 'empty', description: '', lifecycleStage: 'active' });
    await expectGyreError(
      gyre.registry.models.create({ name: 'empty' }),
      'RESOURCE_ALREADY_EXISTS',
      /'empty' already exists/,
    );
  });
});
