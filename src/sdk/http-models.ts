import { fromWireAudit, fromWireModel } from '../api/wire/registry-convert.js';
import type { WireAuditEntry, WireRegisteredModel } from '../api/wire/registry-schemas.js';
import type { ModelSearch } from '../registry/index.js';
import type { AuditEntry, Page, RegisteredModel } from '../store/index.js';
import type { HttpTransport } from './http-transport.js';
import type { ModelsApi } from './tracking-api.js';

const path = (name: string, rest = '') => `/api/v1/models/${encodeURIComponent(name)}${rest}`;

export class HttpModels implements ModelsApi {
  private readonly headers: Record<string, string>;

  constructor(
    private readonly http: HttpTransport,
    readonly actor: string,
  ) {
    this.headers = { 'x-gyre-actor': actor };
  }

  async create(input: {
    name: string;
    description?: string;
    tags?: Record<string, string>;
  }): Promise<RegisteredModel> {
    return fromWireModel(
      (
        await this.http.json<{ model: WireRegisteredModel }>('POST', '/api/v1/models', {
          body: input,
          headers: this.headers,
        })
      ).model,
    );
  }

  async get(name: string): Promise<RegisteredModel> {
    return fromWireModel(
      (await this.http.json<{ model: WireRegisteredModel }>('GET', path(name))).model,
    );
  }

  async search(query: ModelSearch = {}): Promise<Page<RegisteredModel>> {
    const reply = await this.http.json<{ models: WireRegisteredModel[]; next_page_token?: string }>(
      'GET',
      '/api/v1/models',
      {
        query: {
          filter: query.filter,
          order_by: query.orderBy,
          view: query.view,
          max_results: query.maxResults,
          page_token: query.pageToken,
        },
      },
    );
    return { items: reply.models.map(fromWireModel), nextPageToken: reply.next_page_token };
  }

  async update(name: string, update: { description?: string }): Promise<RegisteredModel> {
    return fromWireModel(
      (
        await this.http.json<{ model: WireRegisteredModel }>('PATCH', path(name), {
          body: update,
          headers: this.headers,
        })
      ).model,
    );
  }

  async rename(name: string, newName: string): Promise<RegisteredModel> {
    return fromWireModel(
      (
        await this.http.json<{ model: WireRegisteredModel }>('PATCH', path(name), {
          body: { name: newName },
          headers: this.headers,
        })
      ).model,
    );
  }

  async setTag(name: string, key: string, value: string): Promise<void> {
    await this.http.json('PUT', path(name, '/tags'), {
      body: { key, value },
      headers: this.headers,
    });
  }

  async deleteTag(name: string, key: string): Promise<void> {
    await this.http.json('DELETE', path(name, '/tags'), { query: { key }, headers: this.headers });
  }

  async delete(
    name: string,
    options: { force?: boolean } = {},
  ): Promise<{ versions: number[]; aliases: string[] }> {
    const reply = await this.http.json<{ deleted: { versions: number[]; aliases: string[] } }>(
      'DELETE',
      path(name),
      {
        query: { force: options.force },
        headers: this.headers,
      },
    );
    return reply.deleted;
  }

  async setAlias(name: string, alias: string, version: number | string): Promise<void> {
    await this.http.json('PUT', path(name, `/aliases/${encodeURIComponent(alias)}`), {
      body: { version: Number(version) },
      headers: this.headers,
    });
  }

  async deleteAlias(name: string, alias: string): Promise<void> {
    await this.http.json('DELETE', path(name, `/aliases/${encodeURIComponent(alias)}`), {
      headers: this.headers,
    });
  }

  async history(
    name: string,
    options: { maxResults?: number; pageToken?: string } = {},
  ): Promise<Page<AuditEntry>> {
    const reply = await this.http.json<{ entries: WireAuditEntry[]; next_page_token?: string }>(
      'GET',
      path(name, '/history'),
      {
        query: { max_results: options.maxResults, page_token: options.pageToken },
      },
    );
    return { items: reply.entries.map(fromWireAudit), nextPageToken: reply.next_page_token };
  }
}
