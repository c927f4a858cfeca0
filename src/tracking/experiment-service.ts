import { invalidParameter, notFound } from '../core/errors/index.js';
import {
  experimentFilterSchema,
  parseFilter,
  parseOrderBy,
  type Experiment,
  type Page,
  type ViewType,
} from '../store/index.js';
import { limits } from './limits.js';
import { decodePageToken, resolveMaxResults, toPage } from '../core/paging/index.js';
import type { TrackingDeps } from './tracking-deps.js';
import { validateKey, validateName, validateTags, validateText } from './validate.js';
import { validateView } from './view.js';

export interface ExperimentSearch {
  view?: ViewType;
  /** e.g. `name LIKE 'fraud%' and tags.team = 'risk'` */
  filter?: string;
  /** e.g. `['name ASC']`; attributes name, creation_time, last_update_time, experiment_id */
  orderBy?: string[];
  maxResults?: number;
  pageToken?: string;
}

export class ExperimentService {
  private readonly now: () => number;

  constructor(private readonly deps: TrackingDeps) {
    this.now = deps.clock ?? Date.now;
  }

  async create(input: { name: string; tags?: Record<string, string> }): Promise<Experiment> {
    const name = validateName('experiment name', input.name, limits.experimentNameLength);
    const experiment = await this.deps.store.experiments.create({
      name,
      tags: validateTags('experiment tags', input.tags),
      now: this.now(),
    });
    this.deps.bus.publish('experiment.created', { experimentId: experiment.experimentId, name });
    return experiment;
  }

  async get(experimentId: string): Promise<Experiment> {
    const experiment = await this.deps.store.experiments.get(String(experimentId));
    if (!experiment)
      throw notFound(`no experiment with id '${experimentId}'`, { experiment_id: experimentId });
    return experiment;
  }

  async getByName(name: string): Promise<Experiment> {
    const experiment = await this.deps.store.experiments.getByName(name);
    if (!experiment) throw notFound(`no experiment named '${name}'`, { name });
    return experiment;
  }

  /** By id when the text is an existing id, otherwise by name: what a CLI argument usually means. */
  async resolve(idOrName: string): Promise<Experiment> {
    if (/^\d+$/.test(idOrName)) {
      const byId = await this.deps.store.experiments.get(idOrName);
      if (byId) return byId;
    }
    return this.getByName(idOrName);
  }

  async search(query: ExperimentSearch = {}): Promise<Page<Experiment>> {
    const view = validateView(query.view);
    const filter = parseFilter(query.filter, experimentFilterSchema);
    const orderBy = parseOrderBy(query.orderBy, experimentFilterSchema);
    if (orderBy.some((term) => term.entity !== 'attribute')) {
      throw invalidParameter(
        'experiments can be ordered by name, creation_time, last_update_time or experiment_id only',
      );
    }
    const limit = resolveMaxResults(query.maxResults);
    const fingerprint = {
      kind: 'experiments',
      view,
      filter: query.filter ?? '',
      orderBy: query.orderBy ?? [],
    };
    const offset = decodePageToken(query.pageToken, fingerprint);
    const rows = await this.deps.store.experiments.search({ view, filter, orderBy, offset, limit });
    return toPage(rows, offset, limit, fingerprint);
  }

  async rename(experimentId: string, name: string): Promise<Experiment> {
    return this.deps.store.experiments.rename(
      experimentId,
      validateName('experiment name', name, limits.experimentNameLength),
      this.now(),
    );
  }

  async setTag(experimentId: string, key: string, value: string): Promise<void> {
    validateKey('tag', key);
    await this.deps.store.experiments.setTag(
      experimentId,
      key,
      validateText(`tag '${key}' value`, value, limits.tagValueLength),
      this.now(),
    );
  }

  async deleteTag(experimentId: string, key: string): Promise<void> {
    await this.deps.store.experiments.deleteTag(experimentId, validateKey('tag', key), this.now());
  }

  /** Soft delete: the experiment and its runs are hidden from listings and can be restored. */
  async delete(experimentId: string): Promise<Experiment> {
    if (/^0+$/.test(String(experimentId)))
      throw invalidParameter('the Default experiment (id 0) cannot be deleted');
    const experiment = await this.deps.store.experiments.markDeleted(experimentId, this.now());
    this.deps.bus.publish('experiment.deleted', { experimentId });
    return experiment;
  }

  async restore(experimentId: string): Promise<Experiment> {
    const experiment = await this.deps.store.experiments.restore(experimentId, this.now());
    this.deps.bus.publish('experiment.restored', { experimentId });
    return experiment;
  }
}
