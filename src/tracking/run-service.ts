import { DATASET_INPUT_KIND, isDatasetUri, resolveDatasetVersion } from '../data/datasets/index.js';
import { notFound } from '../core/errors/index.js';
import { newRunId, newRunName } from '../core/ids/index.js';
import {
  parseFilter,
  parseOrderBy,
  runFilterSchema,
  type MetricPoint,
  type RunInput,
  type Page,
  type Run,
  type RunInfo,
  type RunStatus,
  type ViewType,
} from '../store/index.js';
import { normaliseBatch, type BatchInput, type MetricInput } from './batch.js';
import { validateInputs } from './run-inputs.js';
import { limits } from './limits.js';
import { decodePageToken, resolveMaxResults, toPage } from '../core/paging/index.js';
import type { TrackingDeps } from './tracking-deps.js';
import {
  validateInteger,
  validateKey,
  validateName,
  validateRunStatus,
  validateTags,
} from './validate.js';
import { validateView } from './view.js';

export interface CreateRunInput {
  /** Default: the Default experiment, '0'. */
  experimentId?: string;
  /** Default: a generated name such as `swift-heron-417`. */
  runName?: string;
  tags?: Record<string, string>;
  parentRunId?: string;
  startTime?: number;
  userId?: string;
}

export interface RunSearch {
  experimentIds?: string[];
  /** e.g. `metrics.acc > 0.9 and (params.optimizer = 'adam' or tags.team = 'x')` */
  filter?: string;
  /** e.g. `['metrics.acc DESC', 'attributes.start_time']` */
  orderBy?: string[];
  view?: ViewType;
  maxResults?: number;
  pageToken?: string;
}

const terminal: RunStatus[] = ['FINISHED', 'FAILED', 'KILLED'];

export class RunService {
  private readonly now: () => number;

  constructor(private readonly deps: TrackingDeps) {
    this.now = deps.clock ?? Date.now;
  }

  async create(input: CreateRunInput = {}): Promise<Run> {
    const run = await this.deps.store.runs.create({
      runId: newRunId(),
      experimentId: String(input.experimentId ?? '0'),
      runName:
        input.runName === undefined
          ? newRunName()
          : validateName('run name', input.runName, limits.runNameLength),
      userId:
        input.userId === undefined
          ? 'local'
          : validateName('user id', input.userId, limits.keyLength),
      status: 'RUNNING',
      startTime:
        input.startTime === undefined
          ? this.now()
          : validateInteger('start_time', input.startTime, { min: 0 }),
      parentRunId: input.parentRunId ?? null,
      tags: validateTags('run tags', input.tags),
    });
    this.deps.bus.publish('run.created', {
      runId: run.info.runId,
      experimentId: run.info.experimentId,
    });
    return run;
  }

  async get(runId: string): Promise<Run> {
    const run = await this.deps.store.runs.get(runId);
    if (!run) throw notFound(`no run with id '${runId}'`, { run_id: runId });
    return run;
  }

  /** Setting a finished status without an end time stamps the end time now, as MLflow does. */
  async update(
    runId: string,
    update: { status?: RunStatus; endTime?: number; runName?: string },
  ): Promise<RunInfo> {
    const status = update.status === undefined ? undefined : validateRunStatus(update.status);
    let endTime =
      update.endTime === undefined
        ? undefined
        : validateInteger('end_time', update.endTime, { min: 0 });
    if (endTime === undefined && status !== undefined && terminal.includes(status))
      endTime = this.now();
    const runName =
      update.runName === undefined
        ? undefined
        : validateName('run name', update.runName, limits.runNameLength);
    const info = await this.deps.store.runs.update(runId, { status, endTime, runName });
    this.deps.bus.publish('run.updated', { runId, status: info.status });
    return info;
  }

  async delete(runId: string): Promise<RunInfo> {
    const info = await this.deps.store.runs.markDeleted(runId, this.now());
    this.deps.bus.publish('run.deleted', { runId });
    return info;
  }

  async restore(runId: string): Promise<RunInfo> {
    const info = await this.deps.store.runs.restore(runId);
    this.deps.bus.publish('run.restored', { runId });
    return info;
  }

  /** Validates everything first, then writes metrics, params and tags in one transaction. */
  async logBatch(runId: string, batch: BatchInput): Promise<void> {
    await this.deps.store.runs.logBatch(runId, normaliseBatch(batch, this.now()));
  }

  logMetric(runId: string, metric: MetricInput): Promise<void> {
    return this.logBatch(runId, { metrics: [metric] });
  }

  logParam(runId: string, key: string, value: string): Promise<void> {
    return this.logBatch(runId, { params: [{ key, value }] });
  }

  setTag(runId: string, key: string, value: string): Promise<void> {
    return this.logBatch(runId, { tags: [{ key, value }] });
  }

  /**
   * Records what the run consumed, for lineage. A `datasets:/…` ref (any form: version, alias,
   * latest) is recorded as the exact version it names now, with that version's digest, so the
   * dataset's lineage finds the run whatever the alias points to later.
   */
  async logInputs(runId: string, inputs: RunInput[]): Promise<void> {
    const checked = await Promise.all(
      validateInputs(inputs).map(async (input) => {
        if (!isDatasetUri(input.ref)) return input;
        const version = await resolveDatasetVersion(this.deps.store, input.ref);
        return { ...input, kind: DATASET_INPUT_KIND, ref: version.uri, digest: version.digest };
      }),
    );
    await this.deps.store.runs.logInputs(runId, checked, this.now());
  }

  inputs(runId: string): Promise<RunInput[]> {
    return this.deps.store.runs.inputs(runId);
  }

  async deleteTag(runId: string, key: string): Promise<void> {
    await this.deps.store.runs.deleteTag(runId, validateKey('tag', key));
  }

  async metricHistory(
    runId: string,
    key: string,
    options: { maxResults?: number; pageToken?: string } = {},
  ): Promise<Page<MetricPoint>> {
    validateKey('metric', key);
    const limit = resolveMaxResults(
      options.maxResults,
      limits.metricHistoryMaxResults,
      limits.metricHistoryMaxResults,
    );
    const fingerprint = { kind: 'metric-history', runId, key };
    const offset = decodePageToken(options.pageToken, fingerprint);
    const rows = await this.deps.store.runs.metricHistory(runId, key, { offset, limit });
    return toPage(rows, offset, limit, fingerprint);
  }

  async search(query: RunSearch = {}): Promise<Page<Run>> {
    const view = validateView(query.view);
    const filter = parseFilter(query.filter, runFilterSchema);
    const orderBy = parseOrderBy(query.orderBy, runFilterSchema);
    const limit = resolveMaxResults(query.maxResults);
    const experimentIds = (query.experimentIds ?? []).map(String);
    const fingerprint = {
      kind: 'runs',
      experimentIds,
      view,
      filter: query.filter ?? '',
      orderBy: query.orderBy ?? [],
    };
    const offset = decodePageToken(query.pageToken, fingerprint);
    const rows = await this.deps.store.runs.search({
      experimentIds,
      view,
      filter,
      orderBy,
      offset,
      limit,
    });
    return toPage(rows, offset, limit, fingerprint);
  }
}
