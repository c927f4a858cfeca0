import { fromWireMetric, fromWireRun, toWireDouble } from '../api/wire/convert.js';
import type { WireMetricPoint, WireRun } from '../api/wire/schemas.js';
import type { MetricPoint, Page, Run, RunInfo, RunInput, RunStatus } from '../store/index.js';
import type { BatchInput, CreateRunInput, MetricInput, RunSearch } from '../tracking/index.js';
import type { HttpTransport } from './http-transport.js';
import type { RunsApi } from './tracking-api.js';

const path = (runId: string, rest = '') => `/api/v1/runs/${encodeURIComponent(runId)}${rest}`;

const wireMetric = (m: MetricInput) => ({
  key: m.key,
  value: toWireDouble(m.value),
  step: m.step,
  timestamp: m.timestamp,
});

export class HttpRuns implements RunsApi {
  constructor(private readonly http: HttpTransport) {}

  async create(input: CreateRunInput = {}): Promise<Run> {
    const reply = await this.http.json<{ run: WireRun }>('POST', '/api/v1/runs', {
      body: {
        experiment_id: input.experimentId,
        run_name: input.runName,
        tags: input.tags,
        parent_run_id: input.parentRunId,
        start_time: input.startTime,
        user_id: input.userId,
      },
    });
    return fromWireRun(reply.run);
  }

  async get(runId: string): Promise<Run> {
    return fromWireRun((await this.http.json<{ run: WireRun }>('GET', path(runId))).run);
  }

  async update(
    runId: string,
    update: { status?: RunStatus; endTime?: number; runName?: string },
  ): Promise<RunInfo> {
    const body = { status: update.status, end_time: update.endTime, run_name: update.runName };
    return fromWireRun((await this.http.json<{ run: WireRun }>('PATCH', path(runId), { body })).run)
      .info;
  }

  async delete(runId: string): Promise<RunInfo> {
    return fromWireRun((await this.http.json<{ run: WireRun }>('DELETE', path(runId))).run).info;
  }

  async restore(runId: string): Promise<RunInfo> {
    return fromWireRun(
      (await this.http.json<{ run: WireRun }>('POST', path(runId, '/restore'))).run,
    ).info;
  }

  async logBatch(runId: string, batch: BatchInput): Promise<void> {
    await this.http.json('POST', path(runId, '/batch'), {
      body: { metrics: batch.metrics?.map(wireMetric), params: batch.params, tags: batch.tags },
    });
  }

  async logMetric(runId: string, metric: MetricInput): Promise<void> {
    await this.http.json('POST', path(runId, '/metrics'), { body: wireMetric(metric) });
  }

  async logParam(runId: string, key: string, value: string): Promise<void> {
    await this.http.json('POST', path(runId, '/params'), { body: { key, value } });
  }

  async setTag(runId: string, key: string, value: string): Promise<void> {
    await this.http.json('PUT', path(runId, '/tags'), { body: { key, value } });
  }

  async deleteTag(runId: string, key: string): Promise<void> {
    await this.http.json('DELETE', path(runId, '/tags'), { query: { key } });
  }

  async metricHistory(
    runId: string,
    key: string,
    options: { maxResults?: number; pageToken?: string } = {},
  ): Promise<Page<MetricPoint>> {
    const reply = await this.http.json<{ metrics: WireMetricPoint[]; next_page_token?: string }>(
      'GET',
      path(runId, '/metrics/history'),
      {
        query: { key, max_results: options.maxResults, page_token: options.pageToken },
      },
    );
    return { items: reply.metrics.map(fromWireMetric), nextPageToken: reply.next_page_token };
  }

  async search(query: RunSearch = {}): Promise<Page<Run>> {
    const reply = await this.http.json<{ runs: WireRun[]; next_page_token?: string }>(
      'POST',
      '/api/v1/runs/search',
      {
        body: {
          experiment_ids: query.experimentIds,
          filter: query.filter,
          order_by: query.orderBy,
          view: query.view,
          max_results: query.maxResults,
          page_token: query.pageToken,
        },
      },
    );
    return { items: reply.runs.map(fromWireRun), nextPageToken: reply.next_page_token };
  }

  async logInputs(runId: string, inputs: RunInput[]): Promise<void> {
    await this.http.json('POST', path(runId, '/inputs'), { body: { inputs } });
  }

  async inputs(runId: string): Promise<RunInput[]> {
    const reply = await this.http.json<{
      inputs: {
        kind: string;
        ref: string;
        digest?: string | null;
        details?: Record<string, unknown> | null;
      }[];
    }>('GET', path(runId, '/inputs'));
    return reply.inputs.map(fromWireInput);
  }
}

/** A run input as the SDK returns it: `details` only when the input has some, as locally. */
export function fromWireInput(input: {
  kind: string;
  ref: string;
  digest?: string | null;
  details?: Record<string, unknown> | null;
}): RunInput {
  const result: RunInput = { kind: input.kind, ref: input.ref, digest: input.digest ?? null };
  if (input.details) result.details = input.details;
  return result;
}
