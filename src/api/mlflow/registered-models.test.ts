import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tinyAddModel } from '../../testing/tiny-onnx.js';
import {
  mlflowError,
  ok,
  openMlflowHarness,
  setExperiment,
  startRun,
  type MlflowHarness,
  type MlModelVersion,
  type MlRegisteredModel,
} from '../../testing/mlflow-wire.js';

let h: MlflowHarness;
let source: string;
let runId: string;
beforeEach(async () => {
  h = await openMlflowHarness();
  const exp = (await setExperiment(h.mlflow, 'registry')).experiment_id;
  runId = (await startRun(h.mlflow, exp, 'train')).info.run_id;
  source = `mlflow-artifacts:/${exp}/${runId}/artifacts/model`;
  ok(
    await h.mlflow.putArtifact(
      `${exp}/${runId}/artifacts/model/model.onnx`,
      Buffer.from(tinyAddModel()),
      'application/octet-stream',
    ),
  );
});
afterEach(() => h.dispose());

const createModel = async (name: string, body: object = {}) =>
  ok<{ registered_model: MlRegisteredModel }>(
    await h.mlflow.post('registered-models/create', { name, ...body }),
  ).registered_model;
const getModel = async (name: string) =>
  ok<{ registered_model: MlRegisteredModel }>(await h.mlflow.get('registered-models/get', { name }))
    .registered_model;
const createVersion = async (name: string, extra: object = {}) =>
  ok<{ model_version: MlModelVersion }>(
    await h.mlflow.post('model-versions/create', { name, source, run_id: runId, ...extra }),
  ).model_version;

describe('registered-models/create and get', () => {
  it('creates a model shaped as MLflow writes a fresh one', async () => {
    const before = Date.now();
    const model = await createModel('churn');
    expect(Object.keys(model).sort()).toEqual([
      'creation_timestamp',
      'last_updated_timestamp',
      'name',
    ]);
    expect(model.name).toBe('churn');
    expect(model.creation_timestamp).toBeGreaterThanOrEqual(before);
    expect(typeof model.last_updated_timestamp).toBe('number');
    expect(await getModel('churn')).toEqual(model);
  });

  it('stores description and tags; duplicates are 400 RESOURCE_ALREADY_EXISTS (register_model tolerates it)', async () => {
    const model = await createModel('tagged', {
      description: 'fraud scorer',
      tags: [{ key: 'team', value: 'risk' }],
    });
    expect(model).toMatchObject({
      description: 'fraud scorer',
      tags: [{ key: 'team', value: 'risk' }],
    });
    mlflowError(
      await h.mlflow.post('registered-models/create', { name: 'tagged' }),
      400,
      'RESOURCE_ALREADY_EXISTS',
    );
    mlflowError(
      await h.mlflow.post('registered-models/create', { name: '' }),
      400,
      'INVALID_PARAMETER_VALUE',
    );
    mlflowError(
      await h.mlflow.post('registered-models/create', {}),
      400,
      'INVALID_PARAMETER_VALUE',
      /'name'/,
    );
  });

  it('get 404s an unknown model; get shows latest_versions per stage, tags and aliases', async () => {
    mlflowError(
      await h.mlflow.get('registered-models/get', { name: 'nope' }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
      /nope/,
    );
    await createModel('m');
    await createVersion('m');
    await createVersion('m');
    await createVersion('m');
    ok(
      await h.mlflow.post('model-versions/transition-stage', {
        name: 'm',
        version: '1',
        stage: 'Production',
        archive_existing_versions: false,
      }),
    );
    ok(
      await h.mlflow.post('registered-models/alias', {
        name: 'm',
        alias: 'champion',
        version: '1',
      }),
    );
    const model = await getModel('m');
    expect(model.latest_versions!.map((v) => [v.version, v.current_stage]).sort()).toEqual([
      ['1', 'Production'],
      ['3', 'None'],
    ]);
    expect(model.aliases).toEqual([{ alias: 'champion', version: '1' }]);
  });
});

describe('registered-models/rename, update, delete', () => {
  it('renames the model and its versions; a clash is 400 RESOURCE_ALREADY_EXISTS', async () => {
    await createModel('old');
    await createVersion('old');
    await createModel('taken');
    const renamed = ok<{ registered_model: MlRegisteredModel }>(
      await h.mlflow.post('registered-models/rename', { name: 'old', new_name: 'new' }),
    ).registered_model;
    expect(renamed.name).toBe('new');
    expect(
      ok<{ model_version: MlModelVersion }>(
        await h.mlflow.get('model-versions/get', { name: 'new', version: '1' }),
      ).model_version.name,
    ).toBe('new');
    mlflowError(
      await h.mlflow.get('registered-models/get', { name: 'old' }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    );
    mlflowError(
      await h.mlflow.post('registered-models/rename', { name: 'new', new_name: 'taken' }),
      400,
      'RESOURCE_ALREADY_EXISTS',
    );
    mlflowError(
      await h.mlflow.post('registered-models/rename', { name: 'new' }),
      400,
      'INVALID_PARAMETER_VALUE',
      /'new_name'/,
    );
  });

  it('PATCH update sets the description; omitting it clears it', async () => {
    await createModel('d');
    const updated = ok<{ registered_model: MlRegisteredModel }>(
      await h.mlflow.patch('registered-models/update', { name: 'd', description: 'v2 scorer' }),
    ).registered_model;
    expect(updated.description).toBe('v2 scorer');
    const cleared = ok<{ registered_model: MlRegisteredModel }>(
      await h.mlflow.patch('registered-models/update', { name: 'd' }),
    ).registered_model;
    expect(cleared).not.toHaveProperty('description');
    mlflowError(
      await h.mlflow.patch('registered-models/update', { name: 'nope', description: 'x' }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    );
  });

  it('DELETE with a JSON body removes the model with its versions and aliases', async () => {
    await createModel('gone');
    await createVersion('gone');
    ok(await h.mlflow.post('registered-models/alias', { name: 'gone', alias: 'a', version: '1' }));
    expect(ok(await h.mlflow.delete('registered-models/delete', { name: 'gone' }))).toEqual({});
    mlflowError(
      await h.mlflow.get('registered-models/get', { name: 'gone' }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    );
    mlflowError(
      await h.mlflow.delete('registered-models/delete', { name: 'gone' }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    );
    // The name is free again.
    expect((await createModel('gone')).name).toBe('gone');
  });
});

describe('registered-models/search (GET, query string only)', () => {
  beforeEach(async () => {
    await createModel('alpha', { tags: [{ key: 'team', value: 'risk' }] });
    await createModel('beta', { tags: [{ key: 'team', value: 'growth' }] });
    await createModel('alphabet');
    await createVersion('alpha'); // bumps alpha's last_updated_timestamp
  });
  const search = async (query: Record<string, string | number | string[]>) =>
    ok<{ registered_models?: MlRegisteredModel[]; next_page_token?: string }>(
      await h.mlflow.get('registered-models/search', { max_results: 100, ...query }),
    );
  const names = async (query: Record<string, string | number | string[]>) =>
    ((await search(query)).registered_models ?? []).map((m) => m.name);

  it("takes MLflow's filters (name =, LIKE, ILIKE, tags.k) and order_by", async () => {
    expect(await names({ filter: "name='alpha'" })).toEqual(['alpha']);
    expect(await names({ filter: "name LIKE 'alpha%'", order_by: ['name DESC'] })).toEqual([
      'alphabet',
      'alpha',
    ]);
    expect(await names({ filter: "name ILIKE 'BETA'" })).toEqual(['beta']);
    expect(await names({ filter: "tags.team = 'risk'" })).toEqual(['alpha']);
    expect(await names({ filter: "tags.`team` != 'risk'" })).toEqual(['beta']);
    expect((await names({ order_by: ['last_updated_timestamp DESC'] }))[0]).toBe('alpha');
    expect(await names({ order_by: ['name ASC'] })).toEqual(['alpha', 'alphabet', 'beta']);
    const alpha = (await search({ filter: "name='alpha'" })).registered_models![0]!;
    expect(alpha.latest_versions).toEqual([
      expect.objectContaining({
        name: 'alpha',
        version: '1',
        current_stage: 'None',
        status: 'READY',
      }),
    ]);
  });

  it('pages, answers {} for no hits, refuses max_results over 1000', async () => {
    const first = await search({ max_results: 2, order_by: ['name'] });
    expect(first.registered_models!.map((m) => m.name)).toEqual(['alpha', 'alphabet']);
    const second = await search({
      max_results: 2,
      order_by: ['name'],
      page_token: first.next_page_token!,
    });
    expect(second).toEqual({ registered_models: [expect.objectContaining({ name: 'beta' })] });
    expect(await search({ filter: "name = 'zzz'" })).toEqual({});
    mlflowError(
      await h.mlflow.get('registered-models/search', { max_results: 1001 }),
      400,
      'INVALID_PARAMETER_VALUE',
    );
  });
});

describe('registered-models/set-tag and delete-tag', () => {
  it('upserts, deletes (DELETE + JSON body); a missing tag is a silent no-op', async () => {
    await createModel('t');
    expect(
      ok(await h.mlflow.post('registered-models/set-tag', { name: 't', key: 'k', value: 'v1' })),
    ).toEqual({});
    ok(await h.mlflow.post('registered-models/set-tag', { name: 't', key: 'k', value: 'v2' }));
    expect((await getModel('t')).tags).toEqual([{ key: 'k', value: 'v2' }]);
    expect(
      ok(await h.mlflow.delete('registered-models/delete-tag', { name: 't', key: 'k' })),
    ).toEqual({});
    expect(await getModel('t')).not.toHaveProperty('tags');
    expect(
      ok(await h.mlflow.delete('registered-models/delete-tag', { name: 't', key: 'never-set' })),
    ).toEqual({});
    mlflowError(
      await h.mlflow.post('registered-models/set-tag', { name: 'nope', key: 'k', value: 'v' }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    );
    mlflowError(
      await h.mlflow.delete('registered-models/delete-tag', { name: 'nope', key: 'k' }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    );
  });
});

describe('registered-models/alias (POST, GET, DELETE with a JSON body)', () => {
  it('sets, moves, reads and deletes aliases as the 2.9 client sends them', async () => {
    await createModel('a');
    await createVersion('a');
    await createVersion('a');
    expect(
      ok(
        await h.mlflow.post('registered-models/alias', { name: 'a', alias: 'champ', version: '1' }),
      ),
    ).toEqual({});
    const byAlias = ok<{ model_version: MlModelVersion }>(
      await h.mlflow.get('registered-models/alias', { name: 'a', alias: 'champ' }),
    ).model_version;
    expect(byAlias).toMatchObject({ name: 'a', version: '1', aliases: ['champ'] });
    ok(await h.mlflow.post('registered-models/alias', { name: 'a', alias: 'champ', version: '2' }));
    expect((await getModel('a')).aliases).toEqual([{ alias: 'champ', version: '2' }]);
    const v1 = ok<{ model_version: MlModelVersion }>(
      await h.mlflow.get('model-versions/get', { name: 'a', version: '1' }),
    ).model_version;
    expect(v1).not.toHaveProperty('aliases');

    expect(
      ok(await h.mlflow.delete('registered-models/alias', { name: 'a', alias: 'champ' })),
    ).toEqual({});
    expect(await getModel('a')).not.toHaveProperty('aliases');
    expect(
      ok(await h.mlflow.delete('registered-models/alias', { name: 'a', alias: 'champ' })),
    ).toEqual({});
    mlflowError(
      await h.mlflow.delete('registered-models/alias', { name: 'nope', alias: 'champ' }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    );
  });

  it("answers MLflow's errors: unknown alias 400, unknown version 404, invalid and reserved names 400", async () => {
    await createModel('e');
    await createVersion('e');
    mlflowError(
      await h.mlflow.get('registered-models/alias', { name: 'e', alias: 'ghost' }),
      400,
      'INVALID_PARAMETER_VALUE',
      'Registered model alias ghost not found.',
    );
    mlflowError(
      await h.mlflow.post('registered-models/alias', { name: 'e', alias: 'x', version: '9' }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    );
    mlflowError(
      await h.mlflow.post('registered-models/alias', {
        name: 'e',
        alias: 'bad alias!',
        version: '1',
      }),
      400,
      'INVALID_PARAMETER_VALUE',
    );
    mlflowError(
      await h.mlflow.post('registered-models/alias', { name: 'e', alias: 'Latest', version: '1' }),
      400,
      'INVALID_PARAMETER_VALUE',
    );
    mlflowError(
      await h.mlflow.post('registered-models/alias', { name: 'e', alias: 'x' }),
      400,
      'INVALID_PARAMETER_VALUE',
      /'version'/,
    );
  });
});
