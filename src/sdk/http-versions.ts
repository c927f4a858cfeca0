import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { fromWireVersion } from '../api/wire/registry-convert.js';
import type { WireModelVersion } from '../api/wire/registry-schemas.js';
import { normalizeArtifactPath } from '../artifacts/index.js';
import { invalidParameter, notFound } from '../core/errors/index.js';
import {
  parseModelUri,
  type ModelVersion,
  type RegisterVersionInput,
  type VersionSearch,
} from '../registry/index.js';
import type { Page } from '../store/index.js';
import type { HttpTransport } from './http-transport.js';
import type { VersionsApi } from './tracking-api.js';

const path = (name: string, version: number | string, rest = '') =>
  `/api/v1/models/${encodeURIComponent(name)}/versions/${encodeURIComponent(String(version))}${rest}`;

type VersionReply = { model_version: WireModelVersion };

export class HttpVersions implements VersionsApi {
  private readonly headers: Record<string, string>;

  constructor(
    private readonly http: HttpTransport,
    readonly actor: string,
  ) {
    this.headers = { 'x-gyre-actor': actor };
  }

  /** A `runs:/` or `models:/` source is resolved by the server; a local file or stream is uploaded. */
  async register(input: RegisterVersionInput): Promise<ModelVersion> {
    const base = `/api/v1/models/${encodeURIComponent(input.name)}/versions`;
    const source = input.source;
    if ('uri' in source && /^(runs|models):\//.test(source.uri)) {
      const body = {
        source: source.uri,
        run_id: input.runId,
        description: input.description,
        tags: input.tags,
        aliases: input.aliases,
        feature_schema: input.featureSchema,
        class_labels: input.classLabels,
      };
      return fromWireVersion(
        (await this.http.json<VersionReply>('POST', base, { body, headers: this.headers }))
          .model_version,
      );
    }
    if (input.tags || input.featureSchema !== undefined || input.classLabels !== undefined) {
      throw invalidParameter(
        'uploading a file over HTTP takes description, run id and aliases; set tags or schemas after registering',
      );
    }
    const file = 'uri' in source ? parseModelUri(source.uri) : undefined;
    const stream =
      file?.kind === 'file'
        ? createReadStream(file.path)
        : 'upload' in source
          ? toReadable(source.upload)
          : undefined;
    if (!stream)
      throw invalidParameter(
        'source must be a runs:/ or models:/ URI, a local file, or an upload stream',
      );
    const fileName =
      file?.kind === 'file'
        ? basename(file.path)
        : 'upload' in source
          ? source.fileName
          : undefined;
    const reply = await this.http.json<VersionReply>('POST', `${base}/upload`, {
      stream,
      query: {
        file_name: fileName,
        run_id: input.runId,
        description: input.description,
        alias: input.aliases,
      },
      headers: this.headers,
    });
    return fromWireVersion(reply.model_version);
  }

  async get(name: string, version: number | string): Promise<ModelVersion> {
    return fromWireVersion(
      (await this.http.json<VersionReply>('GET', path(name, version))).model_version,
    );
  }

  async resolve(uri: string): Promise<ModelVersion> {
    return fromWireVersion(
      (
        await this.http.json<VersionReply>('GET', '/api/v1/model-versions/resolve', {
          query: { uri },
        })
      ).model_version,
    );
  }

  async search(query: VersionSearch = {}): Promise<Page<ModelVersion>> {
    const reply = await this.http.json<{
      model_versions: WireModelVersion[];
      next_page_token?: string;
    }>('GET', '/api/v1/model-versions', {
      query: {
        filter: query.filter,
        order_by: query.orderBy,
        view: query.view,
        max_results: query.maxResults,
        page_token: query.pageToken,
      },
    });
    return {
      items: reply.model_versions.map(fromWireVersion),
      nextPageToken: reply.next_page_token,
    };
  }

  async update(
    name: string,
    version: number | string,
    update: { description?: string },
  ): Promise<ModelVersion> {
    return fromWireVersion(
      (
        await this.http.json<VersionReply>('PATCH', path(name, version), {
          body: update,
          headers: this.headers,
        })
      ).model_version,
    );
  }

  async setTag(name: string, version: number | string, key: string, value: string): Promise<void> {
    await this.http.json('PUT', path(name, version, '/tags'), {
      body: { key, value },
      headers: this.headers,
    });
  }

  async deleteTag(name: string, version: number | string, key: string): Promise<void> {
    await this.http.json('DELETE', path(name, version, '/tags'), {
      query: { key },
      headers: this.headers,
    });
  }

  async transitionStage(
    name: string,
    version: number | string,
    stage: string,
    options: { archiveExistingVersions?: boolean } = {},
  ): Promise<ModelVersion> {
    const body = { stage, archive_existing_versions: options.archiveExistingVersions };
    return fromWireVersion(
      (
        await this.http.json<VersionReply>('POST', path(name, version, '/stage'), {
          body,
          headers: this.headers,
        })
      ).model_version,
    );
  }

  async delete(
    name: string,
    version: number | string,
    options: { force?: boolean } = {},
  ): Promise<{ aliases: string[] }> {
    const reply = await this.http.json<{ deleted: { aliases: string[] } }>(
      'DELETE',
      path(name, version),
      { query: { force: options.force }, headers: this.headers },
    );
    return reply.deleted;
  }

  async read(uri: string): Promise<{ bytes: Buffer; version: ModelVersion | undefined }> {
    const parsed = parseModelUri(uri);
    if (parsed.kind === 'file') return { bytes: await readFile(parsed.path), version: undefined };
    if (parsed.kind === 'run') {
      const file = await this.runModelFile(parsed.runId, normalizeArtifactPath(parsed.path));
      const content = `/api/v1/runs/${encodeURIComponent(parsed.runId)}/artifacts/content/${file.split('/').map(encodeURIComponent).join('/')}`;
      return {
        bytes: await collect((await this.http.stream('GET', content)).body),
        version: undefined,
      };
    }
    const version = await this.resolve(uri);
    const { body } = await this.http.stream('GET', path(version.name, version.version, '/content'));
    return { bytes: await collect(body), version };
  }

  /** As the server does: `runs:/<run>/model` names the ONNX file, or a directory with exactly one. */
  private async runModelFile(runId: string, path: string): Promise<string> {
    const listing = await this.http.json<{ files: { path: string; is_dir: boolean }[] }>(
      'GET',
      `/api/v1/runs/${encodeURIComponent(runId)}/artifacts`,
      { query: { path, recursive: true } },
    );
    const files = listing.files.map((f) => f.path);
    if (files.includes(path)) return path;
    const onnx = files.filter((f) => f.endsWith('.onnx'));
    if (onnx.length === 1) return onnx[0]!;
    if (onnx.length > 1)
      throw invalidParameter(
        `run ${runId} has several ONNX files under '${path}' (${onnx.join(', ')}); name one`,
      );
    throw notFound(`run ${runId} has no artifact '${path}' (and no .onnx file under it)`, {
      run_id: runId,
      path,
    });
  }
}

function toReadable(content: Readable | AsyncIterable<Uint8Array>): Readable {
  return content instanceof Readable ? content : Readable.from(content);
}

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
