import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { TypedApp } from '../api/index.js';
import type {
  WireArtifactEntry,
  WireArtifactListing,
  WireExperiment,
  WireMetricPoint,
  WireRun,
} from '../api/wire/schemas.js';
import type {
  WireAuditEntry,
  WireModelVersion,
  WireRegisteredModel,
} from '../api/wire/registry-schemas.js';

export interface ExperimentReply {
  experiment: WireExperiment;
}
export interface ExperimentSearchReply {
  experiments: WireExperiment[];
  next_page_token?: string;
}
export interface RunReply {
  run: WireRun;
}
export interface RunSearchReply {
  runs: WireRun[];
  next_page_token?: string;
}
export interface MetricHistoryReply {
  metrics: WireMetricPoint[];
  next_page_token?: string;
}
export interface ArtifactReply {
  artifact: WireArtifactEntry;
}
export interface ArtifactListReply {
  root: string;
  files: WireArtifactListing[];
}
export interface ModelVersionReply {
  model_version: WireModelVersion;
}
export interface HistoryReply {
  entries: WireAuditEntry[];
  next_page_token?: string;
}

/**
 * REST calls that are expected to succeed: each sends one request through `app.inject`,
 * asserts the success status (with the reply body as the failure message) and returns
 * the parsed body. Query strings are passed through as given, unencoded.
 */
export class ApiCalls {
  constructor(private readonly app: TypedApp) {}

  /** POST /experiments → 201. */
  async createExperiment(name: string, tags?: Record<string, string>): Promise<WireExperiment> {
    const response = await this.app.inject({
      method: 'POST',
      url: '/api/v1/experiments',
      payload: tags ? { name, tags } : { name },
    });
    return expectReply<ExperimentReply>(response, 201).experiment;
  }

  /** GET /experiments?{query} → 200. */
  async searchExperiments(query: string): Promise<ExperimentSearchReply> {
    const response = await this.app.inject({ method: 'GET', url: `/api/v1/experiments?${query}` });
    return expectReply<ExperimentSearchReply>(response, 200);
  }

  /** POST /runs → 201. */
  async createRun(payload: Record<string, unknown> = {}): Promise<WireRun> {
    const response = await this.app.inject({ method: 'POST', url: '/api/v1/runs', payload });
    return expectReply<RunReply>(response, 201).run;
  }

  /** GET /runs/{runId} → 200. */
  async getRun(runId: string): Promise<WireRun> {
    const response = await this.app.inject({ method: 'GET', url: `/api/v1/runs/${runId}` });
    return expectReply<RunReply>(response, 200).run;
  }

  /** POST /runs/search → 200. */
  async searchRuns(payload: Record<string, unknown>): Promise<RunSearchReply> {
    const response = await this.app.inject({
      method: 'POST',
      url: '/api/v1/runs/search',
      payload,
    });
    return expectReply<RunSearchReply>(response, 200);
  }

  /** GET /runs?{query} → 200: the same search with query parameters. */
  async searchRunsByQuery(query: string): Promise<RunSearchReply> {
    const response = await this.app.inject({ method: 'GET', url: `/api/v1/runs?${query}` });
    return expectReply<RunSearchReply>(response, 200);
  }

  /** GET /runs/{runId}/metrics/history?key={key}{extra} → 200; `extra` starts with `&`. */
  async metricHistory(runId: string, key: string, extra = ''): Promise<MetricHistoryReply> {
    const response = await this.app.inject({
      method: 'GET',
      url: `/api/v1/runs/${runId}/metrics/history?key=${encodeURIComponent(key)}${extra}`,
    });
    return expectReply<MetricHistoryReply>(response, 200);
  }

  /** PUT /runs/{runId}/artifacts/content/{path} → 201, with the content type if given. */
  async uploadArtifact(
    runId: string,
    path: string,
    payload: string | Buffer,
    contentType?: string,
  ): Promise<WireArtifactEntry> {
    const response = await this.app.inject({
      method: 'PUT',
      url: `/api/v1/runs/${runId}/artifacts/content/${path}`,
      headers: contentType ? { 'content-type': contentType } : {},
      payload,
    });
    return expectReply<ArtifactReply>(response, 201).artifact;
  }

  /** GET /runs/{runId}/artifacts{?query} → 200. */
  async listArtifacts(runId: string, query = ''): Promise<ArtifactListReply> {
    const response = await this.app.inject({
      method: 'GET',
      url: `/api/v1/runs/${runId}/artifacts${query ? `?${query}` : ''}`,
    });
    return expectReply<ArtifactListReply>(response, 200);
  }

  /** POST /models → 201, as `actor` when given. */
  async createModel(
    payload: { name: string; description?: string; tags?: Record<string, string> },
    actor?: string,
  ): Promise<WireRegisteredModel> {
    const response = await this.app.inject({
      method: 'POST',
      url: '/api/v1/models',
      headers: actorHeader(actor),
      payload,
    });
    return expectReply<{ model: WireRegisteredModel }>(response, 201).model;
  }

  /** GET /models/{name} → 200. */
  async getModel(name: string): Promise<WireRegisteredModel> {
    const response = await this.app.inject({ method: 'GET', url: `/api/v1/models/${name}` });
    return expectReply<{ model: WireRegisteredModel }>(response, 200).model;
  }

  /** POST /models/{name}/versions (JSON: `source` is runs:/… or models:/…) → 201. */
  async registerVersion(
    name: string,
    payload: Record<string, unknown>,
    actor?: string,
  ): Promise<WireModelVersion> {
    const response = await this.app.inject({
      method: 'POST',
      url: `/api/v1/models/${name}/versions`,
      headers: actorHeader(actor),
      payload,
    });
    return expectReply<ModelVersionReply>(response, 201).model_version;
  }

  /** POST /models/{name}/versions/upload{?query} with the ONNX bytes as the raw body → 201. */
  async uploadVersion(
    name: string,
    bytes: Uint8Array,
    query = '',
    actor?: string,
  ): Promise<WireModelVersion> {
    const response = await this.app.inject({
      method: 'POST',
      url: `/api/v1/models/${name}/versions/upload${query ? `?${query}` : ''}`,
      headers: { 'content-type': 'application/octet-stream', ...actorHeader(actor) },
      payload: Buffer.from(bytes),
    });
    return expectReply<ModelVersionReply>(response, 201).model_version;
  }

  /** GET /models/{name}/versions/{version} → 200 (`version` may be `latest`). */
  async getVersion(name: string, version: number | string): Promise<WireModelVersion> {
    const response = await this.app.inject({
      method: 'GET',
      url: `/api/v1/models/${name}/versions/${version}`,
    });
    return expectReply<ModelVersionReply>(response, 200).model_version;
  }

  /** PUT /models/{name}/aliases/{alias} → 200, returning the version it now points to. */
  async setAlias(
    name: string,
    alias: string,
    version: number,
    actor?: string,
  ): Promise<WireModelVersion> {
    const response = await this.app.inject({
      method: 'PUT',
      url: `/api/v1/models/${name}/aliases/${alias}`,
      headers: actorHeader(actor),
      payload: { version },
    });
    return expectReply<ModelVersionReply>(response, 200).model_version;
  }

  /** GET /models/{name}/history{?query} → 200. */
  async modelHistory(name: string, query = ''): Promise<HistoryReply> {
    const response = await this.app.inject({
      method: 'GET',
      url: `/api/v1/models/${name}/history${query ? `?${query}` : ''}`,
    });
    return expectReply<HistoryReply>(response, 200);
  }
}

function actorHeader(actor: string | undefined): Record<string, string> {
  return actor === undefined ? {} : { 'x-gyre-actor': actor };
}

function expectReply<T>(response: LightMyRequestResponse, status: number): T {
  expect(response.statusCode, response.body).toBe(status);
  return response.json<T>();
}
