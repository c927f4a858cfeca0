import { GyreError, invalidParameter, notFound } from '../../../core/errors/index.js';
import type { TrackingService } from '../../../tracking/index.js';
import type { TypedApp } from '../../typed-app.js';
import { experimentJson } from '../mlflow-json.js';
import type { RequestFields } from '../request-fields.js';
import { rpc } from '../rpc.js';
import { viewType } from '../view-type.js';

export function mlflowExperimentRoutes(app: TypedApp, tracking: TrackingService): void {
  const experiments = tracking.experiments;

  rpc(app, 'POST', 'experiments/create', async (f) => {
    const name = f.requiredString('name');
    const artifactLocation = f.string('artifact_location');
    if (artifactLocation && !artifactLocation.startsWith('mlflow-artifacts:')) {
      throw invalidParameter(
        `artifact_location '${artifactLocation}' is not supported: Gyre keeps artifacts in its own store (mlflow-artifacts:/…)`,
      );
    }
    const tags = Object.fromEntries(
      f.objects('tags').map((t) => [t.requiredString('key'), t.string('value') ?? '']),
    );
    return { experiment_id: (await experiments.create({ name, tags })).experimentId };
  });

  rpc(app, 'GET', 'experiments/get', async (f) => ({
    experiment: experimentJson(await experiment(tracking, f.requiredString('experiment_id'))),
  }));

  rpc(app, 'GET', 'experiments/get-by-name', async (f) => {
    const name = f.requiredString('experiment_name');
    try {
      return { experiment: experimentJson(await experiments.getByName(name)) };
    } catch (error) {
      if (error instanceof GyreError && error.code === 'RESOURCE_DOES_NOT_EXIST')
        throw notFound(`Could not find experiment with name '${name}'`);
      throw error;
    }
  });

  const search = async (f: RequestFields) => {
    const page = await experiments.search({
      view: viewType(f.string('view_type')),
      filter: f.string('filter') || undefined,
      orderBy: f.strings('order_by'),
      maxResults: f.integer('max_results') || 1000,
      pageToken: f.string('page_token') || undefined,
    });
    return { experiments: page.items.map(experimentJson), next_page_token: page.nextPageToken };
  };
  rpc(app, 'POST', 'experiments/search', search);
  rpc(app, 'GET', 'experiments/search', search);

  rpc(app, 'POST', 'experiments/update', async (f) => {
    const id = f.requiredString('experiment_id');
    const current = await experiment(tracking, id);
    if (current.lifecycleStage !== 'active')
      throw invalidParameter('Cannot rename a non-active experiment.');
    const newName = f.string('new_name');
    if (newName) await experiments.rename(id, newName);
    return {};
  });

  rpc(app, 'POST', 'experiments/delete', async (f) => {
    const id = f.requiredString('experiment_id');
    if ((await experiment(tracking, id)).lifecycleStage !== 'active') throw noExperiment(id);
    await experiments.delete(id);
    return {};
  });

  rpc(app, 'POST', 'experiments/restore', async (f) => {
    const id = f.requiredString('experiment_id');
    if ((await experiment(tracking, id)).lifecycleStage !== 'deleted') throw noExperiment(id);
    await experiments.restore(id);
    return {};
  });

  rpc(app, 'POST', 'experiments/set-experiment-tag', async (f) => {
    const id = f.requiredString('experiment_id');
    if ((await experiment(tracking, id)).lifecycleStage !== 'active') {
      throw invalidParameter(
        `The experiment ${id} must be in the 'active' state. Current state is deleted.`,
      );
    }
    await experiments.setTag(id, f.requiredString('key'), f.string('value') ?? '');
    return {};
  });

  rpc(app, 'POST', 'experiments/delete-experiment-tag', async (f) => {
    await experiments.deleteTag(f.requiredString('experiment_id'), f.requiredString('key'));
    return {};
  });
}

async function experiment(tracking: TrackingService, id: string) {
  try {
    return await tracking.experiments.get(id);
  } catch (error) {
    if (error instanceof GyreError && error.code === 'RESOURCE_DOES_NOT_EXIST')
      throw noExperiment(id);
    throw error;
  }
}

function noExperiment(id: string) {
  return notFound(`No Experiment with id=${id} exists`);
}
