import { invalidParameter } from '../../../core/errors/index.js';
import type { RunInput } from '../../../store/index.js';
import type { MetricInput, TrackingService } from '../../../tracking/index.js';
import type { TypedApp } from '../../typed-app.js';
import type { RequestFields } from '../request-fields.js';
import { rpc } from '../rpc.js';
import { requireActive, runIdOf } from './runs.js';

/** MLflow's per-request limits on log-batch (validation.py), with its messages. */
const batchLimits = { metrics: 1000, params: 100, tags: 100, total: 1000 } as const;
const RUN_NAME_TAG = 'mlflow.runName';

export function mlflowRunLoggingRoutes(app: TypedApp, tracking: TrackingService): void {
  const runs = tracking.runs;

  rpc(app, 'POST', 'runs/log-metric', async (f) => {
    const runId = runIdOf(f);
    await runs.logMetric(runId, metric(f));
    return {};
  });

  rpc(app, 'POST', 'runs/log-parameter', async (f) => {
    await runs.logParam(runIdOf(f), f.requiredString('key'), f.string('value') ?? '');
    return {};
  });

  rpc(app, 'POST', 'runs/set-tag', async (f) => {
    const runId = runIdOf(f);
    const key = f.requiredString('key');
    const value = f.string('value') ?? '';
    await runs.setTag(runId, key, value);
    if (key === RUN_NAME_TAG && value !== '') await runs.update(runId, { runName: value });
    return {};
  });

  rpc(app, 'POST', 'runs/delete-tag', async (f) => {
    const runId = f.requiredString('run_id');
    await requireActive(tracking, runId);
    await runs.deleteTag(runId, f.requiredString('key'));
    return {};
  });

  rpc(app, 'POST', 'runs/log-batch', async (f) => {
    const runId = f.requiredString('run_id');
    const metrics = f.objects('metrics');
    const params = f.objects('params');
    const tags = f.objects('tags');
    checkBatchLimits(metrics.length, params.length, tags.length);
    const paramKeys = params.map((p) => p.requiredString('key'));
    const duplicates = [...new Set(paramKeys.filter((key, i) => paramKeys.indexOf(key) !== i))];
    if (duplicates.length > 0) {
      throw invalidParameter(
        `Duplicate parameter keys have been submitted: [${duplicates.map((d) => `'${d}'`).join(', ')}]. Please ensure the request contains only one param value per param key.`,
      );
    }
    const tagList = tags.map((t) => ({
      key: t.requiredString('key'),
      value: t.string('value') ?? '',
    }));
    await runs.logBatch(runId, {
      metrics: metrics.map(metric),
      params: params.map((p, i) => ({ key: paramKeys[i]!, value: p.string('value') ?? '' })),
      tags: tagList,
    });
    const runName = tagList.filter((t) => t.key === RUN_NAME_TAG && t.value !== '').at(-1)?.value;
    if (runName) await runs.update(runId, { runName });
    return {};
  });

  rpc(app, 'POST', 'runs/log-inputs', async (f) => {
    const runId = f.requiredString('run_id');
    const inputs: RunInput[] = f.objects('datasets').map((input) => {
      const dataset = input.object('dataset');
      if (!dataset)
        throw invalidParameter(
          "Missing value for required parameter 'dataset'. See the API docs for more information about request parameters.",
        );
      const tags = input
        .objects('tags')
        .map((t) => ({ key: t.requiredString('key'), value: t.string('value') ?? '' }));
      return {
        kind: 'dataset',
        ref: dataset.requiredString('name'),
        digest: dataset.requiredString('digest'),
        details: {
          source_type: dataset.requiredString('source_type'),
          source: dataset.requiredString('source'),
          schema: dataset.string('schema') ?? '',
          profile: dataset.string('profile') ?? '',
          tags,
        },
      };
    });
    await requireActive(tracking, runId);
    await runs.logInputs(runId, inputs);
    return {};
  });

  // MLflow 2.x's log_model records the model's MLmodel here; kept as the run tag MLflow uses.
  rpc(app, 'POST', 'runs/log-model', async (f) => {
    const runId = f.requiredString('run_id');
    const text = f.requiredString('model_json');
    let model: unknown;
    try {
      model = JSON.parse(text);
    } catch {
      throw invalidParameter(
        `Malformed model info. \n ${text.slice(0, 200)}\n is not a valid JSON.`,
      );
    }
    const history = (await runs.get(runId)).data.tags['mlflow.log-model.history'];
    const entries = history ? (JSON.parse(history) as unknown[]) : [];
    await runs.setTag(runId, 'mlflow.log-model.history', JSON.stringify([...entries, model]));
    return {};
  });
}

function metric(f: RequestFields): MetricInput {
  const key = f.requiredString('key');
  const value = f.double('value');
  if (value === undefined)
    throw invalidParameter(
      "Missing value for required parameter 'value'. See the API docs for more information about request parameters.",
    );
  const timestamp = f.integer('timestamp');
  if (timestamp === undefined)
    throw invalidParameter(
      "Missing value for required parameter 'timestamp'. See the API docs for more information about request parameters.",
    );
  return { key, value, timestamp, step: f.integer('step') ?? 0 };
}

function checkBatchLimits(metrics: number, params: number, tags: number): void {
  const over = (what: string, limit: number, count: number) =>
    invalidParameter(
      `A batch logging request can contain at most ${limit} ${what}. Got ${count} ${what}. Please split up ${what} across multiple requests and try again.`,
    );
  if (metrics > batchLimits.metrics) throw over('metrics', batchLimits.metrics, metrics);
  if (params > batchLimits.params) throw over('params', batchLimits.params, params);
  if (tags > batchLimits.tags) throw over('tags', batchLimits.tags, tags);
  const total = metrics + params + tags;
  if (total > batchLimits.total) throw over('metrics, params, and tags', batchLimits.total, total);
}
