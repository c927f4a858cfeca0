import { GyreError, invalidParameter } from '../../../core/errors/index.js';
import type { ModelVersion, RegistryService } from '../../../registry/index.js';
import { modelStages, type ModelStage, type RegisteredModel } from '../../../store/index.js';
import { actorOf } from '../../actor.js';
import type { TypedApp } from '../../typed-app.js';
import { modelJson, versionJson } from '../mlflow-json.js';
import type { RequestFields } from '../request-fields.js';
import { rpc } from '../rpc.js';

export function mlflowRegisteredModelRoutes(app: TypedApp, registry: RegistryService): void {
  const models = (request: Parameters<typeof actorOf>[0]) => registry.as(actorOf(request)).models;
  const withLatest = async (model: RegisteredModel) =>
    modelJson(model, await latestVersions(registry, model.name, [...modelStages]));

  rpc(app, 'POST', 'registered-models/create', async (f, request) => {
    const tags = Object.fromEntries(
      f.objects('tags').map((t) => [t.requiredString('key'), t.string('value') ?? '']),
    );
    const model = await models(request).create({
      name: f.requiredString('name'),
      description: f.string('description'),
      tags,
    });
    return { registered_model: await withLatest(model) };
  });

  rpc(app, 'GET', 'registered-models/get', async (f) => ({
    registered_model: await withLatest(await registry.models.get(f.requiredString('name'))),
  }));

  rpc(app, 'POST', 'registered-models/rename', async (f, request) => {
    const model = await models(request).rename(
      f.requiredString('name'),
      f.requiredString('new_name'),
    );
    return { registered_model: await withLatest(model) };
  });

  // MLflow sets the description to what was sent; an absent field clears it.
  rpc(app, 'PATCH', 'registered-models/update', async (f, request) => {
    const model = await models(request).update(f.requiredString('name'), {
      description: f.string('description') ?? '',
    });
    return { registered_model: await withLatest(model) };
  });

  // MLflow deletes a model with its versions and aliases; Gyre does the same, as a soft delete.
  rpc(app, 'DELETE', 'registered-models/delete', async (f, request) => {
    await models(request).delete(f.requiredString('name'), { force: true });
    return {};
  });

  rpc(app, 'GET', 'registered-models/search', async (f) => {
    const maxResults = f.maxResults(100, 1000);
    const page = await registry.models.search({
      filter: f.string('filter') || undefined,
      orderBy: f.strings('order_by'),
      maxResults,
      pageToken: f.string('page_token') || undefined,
    });
    return {
      registered_models: await Promise.all(page.items.map(withLatest)),
      next_page_token: page.nextPageToken,
    };
  });

  const latest = async (f: RequestFields) => {
    const name = f.requiredString('name');
    await registry.models.get(name);
    const stages = f.strings('stages').map(stageOf);
    return {
      model_versions: (
        await latestVersions(registry, name, stages.length > 0 ? stages : [...modelStages])
      ).map(versionJson),
    };
  };
  rpc(app, 'POST', 'registered-models/get-latest-versions', latest);
  rpc(app, 'GET', 'registered-models/get-latest-versions', latest);

  rpc(app, 'POST', 'registered-models/set-tag', async (f, request) => {
    await models(request).setTag(
      f.requiredString('name'),
      f.requiredString('key'),
      f.string('value') ?? '',
    );
    return {};
  });

  // Deleting a tag that is not there is no error in MLflow's registry.
  rpc(app, 'DELETE', 'registered-models/delete-tag', async (f, request) => {
    const name = f.requiredString('name');
    const key = f.requiredString('key');
    if ((await registry.models.get(name)).tags[key] !== undefined)
      await models(request).deleteTag(name, key);
    return {};
  });

  rpc(app, 'POST', 'registered-models/alias', async (f, request) => {
    await models(request).setAlias(
      f.requiredString('name'),
      f.requiredString('alias'),
      f.requiredString('version'),
    );
    return {};
  });

  rpc(app, 'DELETE', 'registered-models/alias', async (f, request) => {
    const name = f.requiredString('name');
    const alias = f.requiredString('alias');
    if ((await registry.models.get(name)).aliases[alias] !== undefined)
      await models(request).deleteAlias(name, alias);
    return {};
  });

  rpc(app, 'GET', 'registered-models/alias', async (f) => {
    const name = f.requiredString('name');
    const alias = f.requiredString('alias');
    const version = (await registry.models.get(name)).aliases[alias];
    if (version === undefined) throw invalidParameter(`Registered model alias ${alias} not found.`);
    return { model_version: versionJson(await registry.versions.get(name, version)) };
  });
}

/** The highest active version in each stage that has one, in the stages' order. */
export async function latestVersions(
  registry: RegistryService,
  name: string,
  stages: ModelStage[],
): Promise<ModelVersion[]> {
  const found: ModelVersion[] = [];
  for (const stage of stages) {
    try {
      found.push(await registry.versions.resolve(`models:/${name}/${stage}`));
    } catch (error) {
      if (!(error instanceof GyreError && error.code === 'RESOURCE_DOES_NOT_EXIST')) throw error;
    }
  }
  return found;
}

export function stageOf(value: string): ModelStage {
  const stage = modelStages.find((s) => s.toLowerCase() === value.toLowerCase());
  if (!stage)
    throw invalidParameter(
      `Invalid Model Version stage: ${value}. Value must be one of ${modelStages.join(', ')}.`,
    );
  return stage;
}
