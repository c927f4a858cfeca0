import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExperimentReply } from '../testing/api-calls.js';
import { expectErrorReply, openApiHarness, type ApiHarness } from '../testing/api-harness.js';

let h: ApiHarness;
beforeEach(async () => {
  h = await openApiHarness();
});
afterEach(() => h.dispose());

/** The names `GET /experiments?{query}` finds. */
const experimentNames = async (query: string) =>
  (await h.calls.searchExperiments(query)).experiments.map((e) => e.name);

describe('experiments', () => {
  it('creates an experiment with tags and returns the full wire shape', async () => {
    const experiment = await h.calls.createExperiment('fraud', { team: 'risk' });
    expect(experiment).toEqual({
      experiment_id: expect.stringMatching(/^\d+$/),
      name: 'fraud',
      lifecycle_stage: 'active',
      creation_time: expect.any(Number),
      last_update_time: expect.any(Number),
      tags: { team: 'risk' },
    });
    expect(experiment.experiment_id).not.toBe('0');

    const fetched = await h.app.inject({
      method: 'GET',
      url: `/api/v1/experiments/${experiment.experiment_id}`,
    });
    expect(fetched.statusCode).toBe(200);
    expect(fetched.json<ExperimentReply>().experiment).toEqual(experiment);
  });

  it('refuses a duplicate name with RESOURCE_ALREADY_EXISTS', async () => {
    await h.calls.createExperiment('dup');
    const again = await h.app.inject({
      method: 'POST',
      url: '/api/v1/experiments',
      payload: { name: 'dup' },
    });
    expectErrorReply(again, 'RESOURCE_ALREADY_EXISTS', /dup/);
  });

  it('gets an experiment by name, and 404s an unknown name or id', async () => {
    const experiment = await h.calls.createExperiment('by name é');
    const found = await h.app.inject({
      method: 'GET',
      url: `/api/v1/experiments/by-name?name=${encodeURIComponent('by name é')}`,
    });
    expect(found.statusCode).toBe(200);
    expect(found.json<ExperimentReply>().experiment.experiment_id).toBe(experiment.experiment_id);

    expectErrorReply(
      await h.app.inject({ method: 'GET', url: '/api/v1/experiments/by-name?name=nope' }),
      'RESOURCE_DOES_NOT_EXIST',
      /nope/,
    );
    expectErrorReply(
      await h.app.inject({ method: 'GET', url: '/api/v1/experiments/by-name' }),
      'INVALID_PARAMETER_VALUE',
      /name/,
    );
    expectErrorReply(
      await h.app.inject({ method: 'GET', url: '/api/v1/experiments/999' }),
      'RESOURCE_DOES_NOT_EXIST',
      /999/,
    );
  });

  it('renames, and refuses a rename onto a taken name', async () => {
    const experiment = await h.calls.createExperiment('old');
    await h.calls.createExperiment('taken');
    const renamed = await h.app.inject({
      method: 'PATCH',
      url: `/api/v1/experiments/${experiment.experiment_id}`,
      payload: { name: 'new' },
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json<ExperimentReply>().experiment).toMatchObject({
      experiment_id: experiment.experiment_id,
      name: 'new',
    });
    expectErrorReply(
      await h.app.inject({
        method: 'PATCH',
        url: `/api/v1/experiments/${experiment.experiment_id}`,
        payload: { name: 'taken' },
      }),
      'RESOURCE_ALREADY_EXISTS',
    );
    expectErrorReply(
      await h.app.inject({
        method: 'PATCH',
        url: '/api/v1/experiments/999',
        payload: { name: 'x' },
      }),
      'RESOURCE_DOES_NOT_EXIST',
    );
  });

  it('sets and deletes experiment tags', async () => {
    const { experiment_id: id } = await h.calls.createExperiment('tagged');
    const set = await h.app.inject({
      method: 'PUT',
      url: `/api/v1/experiments/${id}/tags`,
      payload: { key: 'owner', value: 'ana' },
    });
    expect(set.statusCode).toBe(204);
    expect(set.body).toBe('');
    const get = () => h.app.inject({ method: 'GET', url: `/api/v1/experiments/${id}` });
    expect((await get()).json<ExperimentReply>().experiment.tags).toEqual({ owner: 'ana' });

    const removed = await h.app.inject({
      method: 'DELETE',
      url: `/api/v1/experiments/${id}/tags?key=owner`,
    });
    expect(removed.statusCode).toBe(204);
    expect((await get()).json<ExperimentReply>().experiment.tags).toEqual({});

    expectErrorReply(
      await h.app.inject({ method: 'DELETE', url: `/api/v1/experiments/${id}/tags?key=owner` }),
      'RESOURCE_DOES_NOT_EXIST',
      /owner/,
    );
    expectErrorReply(
      await h.app.inject({
        method: 'PUT',
        url: '/api/v1/experiments/999/tags',
        payload: { key: 'a', value: 'b' },
      }),
      'RESOURCE_DOES_NOT_EXIST',
    );
  });

  it('soft-deletes and restores; deleted experiments are hidden from the default view', async () => {
    const { experiment_id: id } = await h.calls.createExperiment('doomed');
    const deleted = await h.app.inject({ method: 'DELETE', url: `/api/v1/experiments/${id}` });
    expect(deleted.statusCode).toBe(200);
    expect(deleted.json<ExperimentReply>().experiment.lifecycle_stage).toBe('deleted');

    expect(await experimentNames('')).not.toContain('doomed');
    expect(await experimentNames('view=DELETED_ONLY')).toEqual(['doomed']);
    expect(await experimentNames('view=ALL')).toContain('doomed');

    const restored = await h.app.inject({
      method: 'POST',
      url: `/api/v1/experiments/${id}/restore`,
    });
    expect(restored.statusCode).toBe(200);
    expect(restored.json<ExperimentReply>().experiment.lifecycle_stage).toBe('active');
    expect(await experimentNames('')).toContain('doomed');

    expectErrorReply(
      await h.app.inject({ method: 'POST', url: `/api/v1/experiments/${id}/restore` }),
      'INVALID_PARAMETER_VALUE',
      /not deleted/,
    );
    expectErrorReply(
      await h.app.inject({ method: 'DELETE', url: '/api/v1/experiments/0' }),
      'INVALID_PARAMETER_VALUE',
      /Default/,
    );
    expectErrorReply(
      await h.app.inject({ method: 'DELETE', url: '/api/v1/experiments/999' }),
      'RESOURCE_DOES_NOT_EXIST',
    );
  });

  it('validates create bodies: types, unknown fields, empty and over-long names', async () => {
    const post = (payload: unknown) =>
      h.app.inject({ method: 'POST', url: '/api/v1/experiments', payload: payload as object });
    expectErrorReply(await post({ name: 5 }), 'INVALID_PARAMETER_VALUE', /body\.name .*string/);
    expectErrorReply(await post({}), 'INVALID_PARAMETER_VALUE', /required field 'name'/);
    expectErrorReply(
      await post({ name: 'x', colour: 'red' }),
      'INVALID_PARAMETER_VALUE',
      /unknown field 'colour'/,
    );
    expectErrorReply(
      await post({ name: 'x', tags: { a: 1 } }),
      'INVALID_PARAMETER_VALUE',
      /tags.*string/,
    );
    expectErrorReply(await post({ name: '  ' }), 'INVALID_PARAMETER_VALUE', /empty/);
    expectErrorReply(await post({ name: 'n'.repeat(501) }), 'INVALID_PARAMETER_VALUE', /500/);
    expectErrorReply(
      await post({ name: 'x', tags: { ['k'.repeat(251)]: 'v' } }),
      'INVALID_PARAMETER_VALUE',
      /250/,
    );
    // Nothing above was stored.
    expect(await experimentNames('view=ALL')).toEqual(['Default']);
  });
});
