import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import { buildServer, type TypedApp } from '../api/index.js';
import { openTempGyre } from './temp-gyre.js';

/**
 * MLflow's REST API as the MLflow 2.9 Python client speaks it (`mlflow/utils/rest_utils.py`):
 * GET arguments only in the query string, encoded like `requests(params=…)` (lists as repeated
 * keys, numbers as their decimal text, `quote_plus`), every other method a JSON body sent like
 * `requests(json=…)`, over a socket with `fetch`, under either API prefix.
 */

export type TempGyre = Awaited<ReturnType<typeof openTempGyre>>;
export type QueryValue = string | number | boolean | (string | number)[] | undefined;
export type Query = Record<string, QueryValue>;
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface WireRequest {
  method: HttpMethod;
  /** Path and query string, e.g. `/api/2.0/mlflow/runs/get?run_id=…`. */
  url: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  bytes: Buffer;
  text: string;
  /** The body parsed as JSON (throws if it is not JSON). */
  json<T = Record<string, unknown>>(): T;
}

export type Transport = (request: WireRequest) => Promise<WireResponse>;

const USER_AGENT = 'mlflow-python-client/2.9.2';

function response(status: number, headers: Record<string, string>, bytes: Buffer): WireResponse {
  const text = bytes.toString('utf8');
  return { status, headers, bytes, text, json: <T>() => JSON.parse(text) as T };
}

/** Requests over a real socket with `fetch`, as a remote client makes them. */
export function httpTransport(baseUrl: string): Transport {
  return async ({ method, url, headers, body }) => {
    const res = await fetch(`${baseUrl}${url}`, { method, headers, body });
    const bytes = Buffer.from(await res.arrayBuffer());
    return response(res.status, Object.fromEntries(res.headers.entries()), bytes);
  };
}

/** Python's `urllib.parse.quote_plus`. */
export function quotePlus(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/** `urlencode(params, doseq=True)` as `requests` does it: lists repeat the key, None is dropped. */
export function pythonQuery(query: Query): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      const text = typeof v === 'boolean' ? (v ? 'True' : 'False') : String(v);
      parts.push(`${quotePlus(key)}=${quotePlus(text)}`);
    }
  }
  return parts.join('&');
}

export const API = '/api/2.0/mlflow';
export const AJAX = '/ajax-api/2.0/mlflow';
export const ARTIFACTS = '/api/2.0/mlflow-artifacts/artifacts';

/** One MLflow client: `prefix` is `/api/2.0/mlflow` (the Python client) or the UI's ajax one. */
export class MlflowWire {
  constructor(
    readonly send: Transport,
    readonly prefix: string = API,
  ) {}

  /** The same transport under another prefix. */
  withPrefix(prefix: string): MlflowWire {
    return new MlflowWire(this.send, prefix);
  }

  get(endpoint: string, query: Query = {}): Promise<WireResponse> {
    const qs = pythonQuery(query);
    return this.send({
      method: 'GET',
      url: `${this.prefix}/${endpoint}${qs ? `?${qs}` : ''}`,
      headers: { 'user-agent': USER_AGENT },
    });
  }

  post(endpoint: string, body: object): Promise<WireResponse> {
    return this.json('POST', endpoint, body);
  }

  patch(endpoint: string, body: object): Promise<WireResponse> {
    return this.json('PATCH', endpoint, body);
  }

  delete(endpoint: string, body: object): Promise<WireResponse> {
    return this.json('DELETE', endpoint, body);
  }

  json(method: HttpMethod, endpoint: string, body: object): Promise<WireResponse> {
    return this.raw(method, endpoint, JSON.stringify(body));
  }

  /** A body sent as given (e.g. Python's bare `NaN` tokens), as `application/json`. */
  raw(method: HttpMethod, endpoint: string, body: string): Promise<WireResponse> {
    return this.send({
      method,
      url: `${this.prefix}/${endpoint}`,
      headers: { 'user-agent': USER_AGENT, 'content-type': 'application/json' },
      body,
    });
  }

  /** `PUT /api/2.0/mlflow-artifacts/artifacts/<path>` with raw bytes (HttpArtifactRepository). */
  putArtifact(
    path: string,
    content: string | Buffer,
    contentType = 'text/plain',
  ): Promise<WireResponse> {
    return this.send({
      method: 'PUT',
      url: `${ARTIFACTS}/${path}`,
      headers: { 'user-agent': USER_AGENT, 'content-type': contentType },
      body: content,
    });
  }

  /** `GET /api/2.0/mlflow-artifacts/artifacts?path=<dir>` (no `path` lists the root). */
  listArtifacts(path?: string): Promise<WireResponse> {
    const qs = path === undefined ? '' : `?${pythonQuery({ path })}`;
    return this.send({
      method: 'GET',
      url: `${ARTIFACTS}${qs}`,
      headers: { 'user-agent': USER_AGENT },
    });
  }

  getArtifact(path: string): Promise<WireResponse> {
    return this.send({
      method: 'GET',
      url: `${ARTIFACTS}/${path}`,
      headers: { 'user-agent': USER_AGENT },
    });
  }
}

/** A 200 with a JSON object body (what MLflow's `verify_rest_response` demands); returns the body. */
export function ok<T = Record<string, unknown>>(res: WireResponse): T {
  expect(res.status, res.text).toBe(200);
  expect(res.headers['content-type'], res.text).toMatch(/^application\/json/);
  const body = res.json<T>();
  expect(typeof body === 'object' && body !== null && !Array.isArray(body), res.text).toBe(true);
  return body;
}

/** An MLflow error reply: exactly `{error_code, message}`, JSON, with MLflow's HTTP status. */
export function mlflowError(
  res: WireResponse,
  status: number,
  code: string,
  message?: string | RegExp,
): string {
  expect(res.status, res.text).toBe(status);
  expect(res.headers['content-type'], res.text).toMatch(/^application\/json/);
  const body = res.json<{ error_code: string; message: string }>();
  expect(Object.keys(body).sort(), res.text).toEqual(['error_code', 'message']);
  expect(body.error_code, res.text).toBe(code);
  if (typeof message === 'string') expect(body.message).toBe(message);
  else if (message) expect(body.message).toMatch(message);
  return body.message;
}

/* MLflow entities as a 2.9 server writes them (service.proto, model_registry.proto). */
export interface KeyValue {
  key: string;
  value: string;
}
export interface MlExperiment {
  experiment_id: string;
  name: string;
  artifact_location: string;
  lifecycle_stage: 'active' | 'deleted';
  last_update_time?: number;
  creation_time?: number;
  tags?: KeyValue[];
}
export interface MlRunInfo {
  run_uuid: string;
  run_id: string;
  experiment_id: string;
  run_name?: string;
  user_id: string;
  status: string;
  start_time: number;
  end_time?: number;
  artifact_uri: string;
  lifecycle_stage: string;
}
export interface MlMetric {
  key: string;
  value: number | string;
  timestamp: number;
  step: number;
}
export interface MlRun {
  info: MlRunInfo;
  data: { metrics?: MlMetric[]; params?: KeyValue[]; tags?: KeyValue[] };
  inputs?: { dataset_inputs?: { tags?: KeyValue[]; dataset: Record<string, string> }[] };
}
export interface MlFileInfo {
  path: string;
  is_dir: boolean;
  file_size?: number;
}
export interface MlModelVersion {
  name: string;
  version: string;
  creation_timestamp: number;
  last_updated_timestamp: number;
  user_id?: string;
  current_stage: string;
  description?: string;
  source: string;
  run_id?: string;
  status: string;
  status_message?: string;
  tags?: KeyValue[];
  run_link?: string;
  aliases?: string[];
}
export interface MlRegisteredModel {
  name: string;
  creation_timestamp: number;
  last_updated_timestamp?: number;
  user_id?: string;
  description?: string;
  latest_versions?: MlModelVersion[];
  tags?: KeyValue[];
  aliases?: { alias: string; version: string }[];
}

/** Tags as a record, for `expect(...).toMatchObject`. */
export function tagRecord(tags: KeyValue[] | undefined): Record<string, string> {
  return Object.fromEntries((tags ?? []).map((t) => [t.key, t.value]));
}

export interface MlflowHarness {
  gyre: TempGyre;
  app: TypedApp;
  /** `http://127.0.0.1:<port>` */
  baseUrl: string;
  /** The Python client's view: `/api/2.0/mlflow` over a socket. */
  mlflow: MlflowWire;
  dispose(): Promise<void>;
}

/**
 * A temp Gyre and its server on an ephemeral 127.0.0.1 port, spoken to with `fetch` as a remote
 * client does (`app.inject` stays available for what fetch cannot send, e.g. a GET body).
 */
export async function openMlflowHarness(): Promise<MlflowHarness> {
  const gyre = await openTempGyre();
  const app = await buildServer(gyre);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return {
    gyre,
    app,
    baseUrl,
    mlflow: new MlflowWire(httpTransport(baseUrl)),
    async dispose() {
      await app.close();
      await gyre.dispose();
    },
  };
}

/** What `mlflow.start_run(run_name=…)` sends as `runs/create` (fluent.py + context tags). */
export function startRunBody(
  experimentId: string,
  runName: string,
  extraTags: KeyValue[] = [],
  startTime = Date.now(),
) {
  return {
    experiment_id: experimentId,
    user_id: 'alice',
    start_time: startTime,
    tags: [
      { key: 'mlflow.user', value: 'alice' },
      { key: 'mlflow.source.name', value: 'train.py' },
      { key: 'mlflow.source.type', value: 'LOCAL' },
      { key: 'mlflow.source.git.commit', value: '0123456789abcdef0123456789abcdef01234567' },
      { key: 'mlflow.runName', value: runName },
      ...extraTags,
    ],
    run_name: runName,
  };
}

/** `mlflow.set_experiment(name)`: get-by-name, on 404 create, then get; returns the experiment. */
export async function setExperiment(mlflow: MlflowWire, name: string): Promise<MlExperiment> {
  const found = await mlflow.get('experiments/get-by-name', { experiment_name: name });
  if (found.status === 200) return ok<{ experiment: MlExperiment }>(found).experiment;
  mlflowError(found, 404, 'RESOURCE_DOES_NOT_EXIST');
  const { experiment_id } = ok<{ experiment_id: string }>(
    await mlflow.post('experiments/create', { name }),
  );
  return ok<{ experiment: MlExperiment }>(await mlflow.get('experiments/get', { experiment_id }))
    .experiment;
}

/** `mlflow.start_run(run_name=…)` in an experiment; returns the created run. */
export async function startRun(
  mlflow: MlflowWire,
  experimentId: string,
  runName: string,
  startTime = Date.now(),
): Promise<MlRun> {
  const body = startRunBody(experimentId, runName, [], startTime);
  return ok<{ run: MlRun }>(await mlflow.post('runs/create', body)).run;
}
