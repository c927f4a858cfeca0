import { notFound } from '../core/errors/index.js';
import { decodePageToken, resolveMaxResults, toPage } from '../core/paging/index.js';
import {
  modelFilterSchema,
  parseFilter,
  parseOrderBy,
  type AuditEntry,
  type Page,
  type RegisteredModel,
  type ViewType,
} from '../store/index.js';
import type { TrackingDeps } from '../tracking/index.js';
import { validateKey, validateTags, validateText } from '../tracking/validate.js';
import { validateView } from '../tracking/view.js';
import { validateAlias, validateModelName, validateVersion } from './names.js';

export interface ModelSearch {
  view?: ViewType;
  /** e.g. `name LIKE 'fraud%' and tags.team = 'risk'` */
  filter?: string;
  orderBy?: string[];
  maxResults?: number;
  pageToken?: string;
}

const DESCRIPTION_LIMIT = 5000;
const TAG_VALUE_LIMIT = 5000;

/** Registered models, their tags and aliases, and their audit trail. Every change names its actor. */
export class ModelService {
  private readonly now: () => number;

  constructor(
    private readonly deps: TrackingDeps,
    readonly actor: string,
  ) {
    this.now = deps.clock ?? Date.now;
  }

  async create(input: {
    name: string;
    description?: string;
    tags?: Record<string, string>;
  }): Promise<RegisteredModel> {
    const name = validateModelName(input.name);
    const description =
      input.description === undefined
        ? ''
        : validateText('description', input.description, DESCRIPTION_LIMIT);
    return this.deps.store.models.create(
      { name, description, tags: validateTags('model tags', input.tags) },
      this.change(),
    );
  }

  async get(name: string): Promise<RegisteredModel> {
    const model = await this.deps.store.models.get(name);
    if (!model) throw modelNotFound(name);
    return model;
  }

  async search(query: ModelSearch = {}): Promise<Page<RegisteredModel>> {
    const view = validateView(query.view);
    const filter = parseFilter(query.filter, modelFilterSchema);
    const orderBy = parseOrderBy(query.orderBy, modelFilterSchema);
    const limit = resolveMaxResults(query.maxResults);
    const fingerprint = {
      kind: 'models',
      view,
      filter: query.filter ?? '',
      orderBy: query.orderBy ?? [],
    };
    const offset = decodePageToken(query.pageToken, fingerprint);
    return toPage(
      await this.deps.store.models.search({ view, filter, orderBy, offset, limit }),
      offset,
      limit,
      fingerprint,
    );
  }

  async update(name: string, update: { description?: string }): Promise<RegisteredModel> {
    const description =
      update.description === undefined
        ? undefined
        : validateText('description', update.description, DESCRIPTION_LIMIT);
    return this.deps.store.models.update(name, { description }, this.change());
  }

  async rename(name: string, newName: string): Promise<RegisteredModel> {
    return this.deps.store.models.rename(name, validateModelName(newName), this.change());
  }

  async setTag(name: string, key: string, value: string): Promise<void> {
    validateKey('tag', key);
    return this.deps.store.models.setTag(
      name,
      key,
      validateText(`tag '${key}' value`, value, TAG_VALUE_LIMIT),
      this.change(),
    );
  }

  async deleteTag(name: string, key: string): Promise<void> {
    return this.deps.store.models.deleteTag(name, validateKey('tag', key), this.change());
  }

  /** Soft delete; with versions or aliases left it needs `force` and the error lists what would go. */
  async delete(
    name: string,
    options: { force?: boolean } = {},
  ): Promise<{ versions: number[]; aliases: string[] }> {
    return this.deps.store.models.delete(name, { force: options.force ?? false }, this.change());
  }

  async setAlias(name: string, alias: string, version: number | string): Promise<void> {
    return this.deps.store.modelAliases.set(
      name,
      validateAlias(alias),
      validateVersion(version),
      this.change(),
    );
  }

  async deleteAlias(name: string, alias: string): Promise<void> {
    return this.deps.store.modelAliases.delete(name, validateAlias(alias), this.change());
  }

  /** Every change to the model, newest first: time, actor, action, old → new. */
  async history(
    name: string,
    options: { maxResults?: number; pageToken?: string } = {},
  ): Promise<Page<AuditEntry>> {
    const limit = resolveMaxResults(options.maxResults);
    const fingerprint = { kind: 'history', name };
    const offset = decodePageToken(options.pageToken, fingerprint);
    const entries = await this.deps.store.registryAudit.list(name, { offset, limit });
    if (
      offset === 0 &&
      entries.length === 0 &&
      !(await this.deps.store.models.get(name, { includeDeleted: true }))
    )
      throw modelNotFound(name);
    return toPage(entries, offset, limit, fingerprint);
  }

  private change() {
    return { now: this.now(), actor: this.actor };
  }
}

export function modelNotFound(name: string) {
  return notFound(`no registered model named '${name}'`, { name });
}
