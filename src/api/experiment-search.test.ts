import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectErrorReply, openApiHarness, type ApiHarness } from '../testing/api-harness.js';

let h: ApiHarness;
beforeEach(async () => {
  h = await openApiHarness();
});
afterEach(() => h.dispose());

describe('experiment search', () => {
  it('searches with a filter, order_by, view and page tokens', async () => {
    await h.calls.createExperiment('alpha', { team: 'risk' });
    await h.calls.createExperiment('beta', { team: 'growth' });
    await h.calls.createExperiment('gamma', { team: 'risk' });

    const risk = await h.calls.searchExperiments(
      `filter=${encodeURIComponent("tags.team = 'risk'")}&order_by=${encodeURIComponent('name DESC')}`,
    );
    expect(risk.experiments.map((e) => e.name)).toEqual(['gamma', 'alpha']);
    expect(risk.next_page_token).toBeUndefined();

    const first = await h.calls.searchExperiments('order_by=name%20ASC&max_results=2');
    expect(first.experiments.map((e) => e.name)).toEqual(['Default', 'alpha']);
    expect(first.next_page_token).toEqual(expect.any(String));
    const second = await h.calls.searchExperiments(
      `order_by=name%20ASC&max_results=2&page_token=${encodeURIComponent(first.next_page_token!)}`,
    );
    expect(second.experiments.map((e) => e.name)).toEqual(['beta', 'gamma']);
    expect(second.next_page_token).toBeUndefined();

    // A token is bound to its query.
    expectErrorReply(
      await h.app.inject({
        method: 'GET',
        url: `/api/v1/experiments?order_by=name%20DESC&max_results=2&page_token=${first.next_page_token}`,
      }),
      'INVALID_PARAMETER_VALUE',
      /page_token/,
    );
    expectErrorReply(
      await h.app.inject({ method: 'GET', url: '/api/v1/experiments?max_results=0' }),
      'INVALID_PARAMETER_VALUE',
      /max_results/,
    );
    expectErrorReply(
      await h.app.inject({ method: 'GET', url: '/api/v1/experiments?view=SOME' }),
      'INVALID_PARAMETER_VALUE',
      /view/,
    );
  });

  it('reports an invalid filter with its position', async () => {
    const body = expectErrorReply(
      await h.app.inject({
        method: 'GET',
        url: `/api/v1/experiments?filter=${encodeURIComponent("name = 'a' and")}`,
      }),
      'INVALID_PARAMETER_VALUE',
    );
    expect(body.message).toMatch(/position \d+/);
  });
});
