import { fromWireExperiment } from '../api/wire/convert.js';
import type { WireExperiment } from '../api/wire/schemas.js';
import { GyreError } from '../core/errors/index.js';
import type { Experiment, Page } from '../store/index.js';
import type { ExperimentSearch } from '../tracking/index.js';
import type { HttpTransport } from './http-transport.js';
import type { ExperimentsApi } from './tracking-api.js';

const id = (experimentId: string) => encodeURIComponent(experimentId);

export class HttpExperiments implements ExperimentsApi {
  constructor(private readonly http: HttpTransport) {}

  async create(input: { name: string; tags?: Record<string, string> }): Promise<Experiment> {
    const reply = await this.http.json<{ experiment: WireExperiment }>(
      'POST',
      '/api/v1/experiments',
      { body: input },
    );
    return fromWireExperiment(reply.experiment);
  }

  async get(experimentId: string): Promise<Experiment> {
    return fromWireExperiment(
      (
        await this.http.json<{ experiment: WireExperiment }>(
          'GET',
          `/api/v1/experiments/${id(experimentId)}`,
        )
      ).experiment,
    );
  }

  async getByName(name: string): Promise<Experiment> {
    const reply = await this.http.json<{ experiment: WireExperiment }>(
      'GET',
      '/api/v1/experiments/by-name',
      { query: { name } },
    );
    return fromWireExperiment(reply.experiment);
  }

  async resolve(idOrName: string): Promise<Experiment> {
    if (/^\d+$/.test(idOrName)) {
      try {
        return await this.get(idOrName);
      } catch (error) {
        if (!(error instanceof GyreError) || error.code !== 'RESOURCE_DOES_NOT_EXIST') throw error;
      }
    }
    return this.getByName(idOrName);
  }

  async search(query: ExperimentSearch = {}): Promise<Page<Experiment>> {
    const reply = await this.http.json<{ experiments: WireExperiment[]; next_page_token?: string }>(
      'GET',
      '/api/v1/experiments',
      {
        query: {
          view: query.view,
          filter: query.filter,
          order_by: query.orderBy,
          max_results: query.maxResults,
          page_token: query.pageToken,
        },
      },
    );
    return {
      items: reply.experiments.map(fromWireExperiment),
      nextPageToken: reply.next_page_token,
    };
  }

  async rename(experimentId: string, name: string): Promise<Experiment> {
    const reply = await this.http.json<{ experiment: WireExperiment }>(
      'PATCH',
      `/api/v1/experiments/${id(experimentId)}`,
      { body: { name } },
    );
    return fromWireExperiment(reply.experiment);
  }

  async setTag(experimentId: string, key: string, value: string): Promise<void> {
    await this.http.json('PUT', `/api/v1/experiments/${id(experimentId)}/tags`, {
      body: { key, value },
    });
  }

  async deleteTag(experimentId: string, key: string): Promise<void> {
    await this.http.json('DELETE', `/api/v1/experiments/${id(experimentId)}/tags`, {
      query: { key },
    });
  }

  async delete(experimentId: string): Promise<Experiment> {
    return fromWireExperiment(
      (
        await this.http.json<{ experiment: WireExperiment }>(
          'DELETE',
          `/api/v1/experiments/${id(experimentId)}`,
        )
      ).experiment,
    );
  }

  async restore(experimentId: string): Promise<Experiment> {
    const reply = await this.http.json<{ experiment: WireExperiment }>(
      'POST',
      `/api/v1/experiments/${id(experimentId)}/restore`,
    );
    return fromWireExperiment(reply.experiment);
  }
}
