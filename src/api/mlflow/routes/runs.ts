import { invalidParameter } from '../../../core/errors/index.js';
import type { RunStatus } from '../../../store/index.js';
import type { TrackingService } from '../../../tracking/index.js';
import type { TypedApp } from '../../typed-app.js';
import { metricJson, runArtifactUri, runInfoJson, runJson } from '../mlflow-json.js';
import type { RequestFields } from '../request-fields.js';
import { rpc } from '../rpc.js';
import { viewType } from '../view-type.js';

const RUN_NAME_TAG = 'mlflow.runName';
const PARENT_TAG = 'mlflow.parentRunId';

/** `run_id`, or the legacy `run_uuid` the Python client sends alongside it. */
export const runIdOf = (f: RequestFields) => f.requiredString('run_id', 'run_uuid');

export function mlflowRunRoutes(app: TypedApp, tracking: TrackingService): void {
  const runs = tracking.runs;

  rpc(app, 'POST', 'runs/create', async (f) => {
    const tags = Object.fromEntries(
      f.objects('tags').map((t) => [t.requiredString('key'), t.string('value') ?? '']),
    );
    const runName = f.string('run_name') || undefined;
    const tagName = tags[RUN_NAME_TAG];
    if (runName && tagName !== undefined && tagName !== runName) {
      throw invalidParameter(
        `Both 'run_name' argument and '${RUN_NAME_TAG}' tag are specified, but with different values (run_name='${runName}', ${RUN_NAME_TAG}='${tagName}').`,
      );
    }
    const run = await runs.create({
      experimentId: f.string('experiment_id') || '0',
      runName: runName ?? tagName,
      userId: f.string('user_id') || undefined,
      startTime: f.integer('start_time') ?? undefined,
      parentRunId: tags[PARENT_TAG] || undefined,
      tags,
    });
    if (tags[RUN_NAME_TAG] === undefined)
      await runs.setTag(run.info.runId, RUN_NAME_TAG, run.info.runName);
    return { run: runJson(await runs.get(run.info.runId)) };
  });

  rpc(app, 'GET', 'runs/get', async (f) => {
    const runId = runIdOf(f);
    const run = await runs.get(runId);
    return { run: runJson(run, await runs.inputs(runId)) };
  });

  rpc(app, 'POST', 'runs/update', async (f) => {
    const runId = runIdOf(f);
    await requireActive(tracking, runId);
    const runName = f.string('run_name') || undefined;
    const info = await runs.update(runId, {
      status: runStatus(f.string('status')),
      endTime: f.integer('end_time'),
      runName,
    });
    if (runName) await runs.setTag(runId, RUN_NAME_TAG, runName);
    return { run_info: runInfoJson(info) };
  });

  rpc(app, 'POST', 'runs/delete', async (f) => {
    await runs.delete(f.requiredString('run_id'));
    return {};
  });

  rpc(app, 'POST', 'runs/restore', async (f) => {
    await runs.restore(f.requiredString('run_id'));
    return {};
  });

  const search = async (f: RequestFields) => {
    const maxResults = f.integer('max_results') ?? 1000;
    if (maxResults > 50_000)
      throw invalidParameter(
        `Invalid value ${maxResults} for parameter 'max_results' supplied. Hint: Value was of type 'int'. See the API docs for more information about request parameters.`,
      );
    const page = await runs.search({
      experimentIds: f.strings('experiment_ids'),
      filter: f.string('filter') || undefined,
      orderBy: f.strings('order_by'),
      view: viewType(f.string('run_view_type')),
      maxResults: maxResults || 1000,
      pageToken: f.string('page_token') || undefined,
    });
    return { runs: page.items.map((run) => runJson(run)), next_page_token: page.nextPageToken };
  };
  rpc(app, 'POST', 'runs/search', search);
  rpc(app, 'GET', 'runs/search', search);

  rpc(app, 'GET', 'metrics/get-history', async (f) => {
    const page = await runs.metricHistory(runIdOf(f), f.requiredString('metric_key'), {
      maxResults: f.integer('max_results') || undefined,
      pageToken: f.string('page_token') || undefined,
    });
    return {
      metrics: page.items.map(metricJson),
      next_page_token: page.nextPageToken,
    };
  });

  rpc(app, 'GET', 'artifacts/list', async (f) => {
    const runId = runIdOf(f);
    const run = await runs.get(runId);
    const path = f.string('path') ?? '';
    const listing = await tracking.artifacts.list(runId, path);
    return {
      root_uri: runArtifactUri(run.info),
      files: listing.map((entry) =>
        entry.isDir
          ? { path: entry.path, is_dir: true }
          : { path: entry.path, is_dir: false, ...(entry.size ? { file_size: entry.size } : {}) },
      ),
    };
  });
}

/** RunStatus values in proto order: ParseDict takes an enum's number (3 or "3") as well as its name. */
const runStatusByNumber: readonly RunStatus[] = [
  'RUNNING',
  'SCHEDULED',
  'FINISHED',
  'FAILED',
  'KILLED',
];

function runStatus(value: string | undefined): RunStatus | undefined {
  if (value === undefined || value === '') return undefined;
  // Anything else goes to the tracking service as given, which refuses it with the valid names.
  if (/^\d+$/.test(value)) return runStatusByNumber[Number(value) - 1] ?? (value as RunStatus);
  return value as RunStatus;
}

/** MLflow refuses changes to a deleted run with this message. */
export async function requireActive(tracking: TrackingService, runId: string): Promise<void> {
  const run = await tracking.runs.get(runId);
  if (run.info.lifecycleStage !== 'active') {
    throw invalidParameter(
      `The run ${runId} must be in the 'active' state. Current state is deleted.`,
    );
  }
}
