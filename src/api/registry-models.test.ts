import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectErrorReply, openApiHarness, type ApiHarness } from '../testing/api-harness.js';
import { tinyVariant } from '../testing/registry-fixtures.js';
import type { WireRegisteredModel } from './wire/registry-schemas.js';

let h: ApiHarness;
beforeEach(async () => {
  h = await openApiHarness();
});
afterEach(() => h.dispose());

const inject = (
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  payload?: object,
  headers: Record<string, string> = {},
) => h.app.inject({ method, url, payload, headers });

/** Registers `count` distinct tiny models as versions of `name` (through the API). */
async function seedVersions(name: string, count: number): Promise<void> {
  for (let i = 1; i <= count; i += 1) await h.calls.uploadVersion(name, tinyVariant(`${name}${i}`));
}

describe('registered models', () => {
  it('creates, gets, updates, renames and tags a model', async () => {
    const created = await h.calls.createModel({
      name: 'churn',
      description: 'first',
      tags: { team: 'risk' },
    });
    expect(created).toEqual({
      name: 'churn',
      description: 'first',
      creation_time: expect.any(Number),
      last_update_time: created.creation_time,
      lifecycle_stage: 'active',
      tags: { team: 'risk' },
      aliases: {},
      latest_version: null,
    } satisfies WireRegisteredModel);
    expect(await h.calls.getModel('churn')).toEqual(created);

    const patched = await inject('PATCH', '/api/v1/models/churn', { description: 'second' });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json<{ model: WireRegisteredModel }>().model.description).toBe('second');

    const renamed = await inject('PATCH', '/api/v1/models/churn', {
      name: 'churn-v2',
      description: 'third',
    });
    expect(renamed.json<{ model: WireRegisteredModel }>().model).toMatchObject({
      name: 'churn-v2',
      description: 'third',
    });
    expectErrorReply(
      await inject('GET', '/api/v1/models/churn'),
      'RESOURCE_DOES_NOT_EXIST',
      /no registered model named 'churn'/,
    );

    expect(
      (await inject('PUT', '/api/v1/models/churn-v2/tags', { key: 'owner', value: 'ana' }))
        .statusCode,
    ).toBe(204);
    expect((await inject('DELETE', '/api/v1/models/churn-v2/tags?key=team')).statusCode).toBe(204);
    expect((await h.calls.getModel('churn-v2')).tags).toEqual({ owner: 'ana' });
    expectErrorReply(
      await inject('DELETE', '/api/v1/models/churn-v2/tags?key=team'),
      'RESOURCE_DOES_NOT_EXIST',
      /no tag 'team'/,
    );
  });

  it('refuses duplicates, bad names, unknown fields and unknown models', async () => {
    await h.calls.createModel({ name: 'churn' });
    expectErrorReply(
      await inject('POST', '/api/v1/models', { name: 'churn' }),
      'RESOURCE_ALREADY_EXISTS',
      /'churn' already exists/,
    );
    expectErrorReply(
      await inject('POST', '/api/v1/models', { name: 'a/b' }),
      'INVALID_PARAMETER_VALUE',
      /may not contain '\/'/,
    );
    expectErrorReply(
      await inject('POST', '/api/v1/models', { name: 'x', owner: 'me' }),
      'INVALID_PARAMETER_VALUE',
      /owner/,
    );
    expectErrorReply(
      await inject('PATCH', '/api/v1/models/churn', { name: 'a@b' }),
      'INVALID_PARAMETER_VALUE',
      /'@'/,
    );
    for (const [method, url, payload] of [
      ['GET', '/api/v1/models/ghost', undefined],
      ['PATCH', '/api/v1/models/ghost', { description: 'x' }],
      ['DELETE', '/api/v1/models/ghost', undefined],
      ['PUT', '/api/v1/models/ghost/tags', { key: 'k', value: 'v' }],
      ['GET', '/api/v1/models/ghost/history', undefined],
      ['GET', '/api/v1/models/ghost/versions', undefined],
      ['GET', '/api/v1/models/ghost/aliases/champion', undefined],
    ] as const) {
      expectErrorReply(await inject(method, url, payload), 'RESOURCE_DOES_NOT_EXIST', /ghost/);
    }
  });

  it('searches with filter, order, view and pages', async () => {
    for (const name of ['fraud-b', 'fraud-a', 'churn'])
      await h.calls.createModel({ name, tags: { team: name === 'churn' ? 'growth' : 'risk' } });
    await inject('DELETE', '/api/v1/models/fraud-b');
    const search = async (query: string) => {
      const response = await inject('GET', `/api/v1/models?${query}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json<{ models: WireRegisteredModel[]; next_page_token?: string }>();
    };
    const names = (reply: { models: WireRegisteredModel[] }) => reply.models.map((m) => m.name);

    expect(names(await search(''))).toEqual(['churn', 'fraud-a']);
    expect(names(await search('view=ALL'))).toEqual(['churn', 'fraud-a', 'fraud-b']);
    expect(names(await search('view=DELETED_ONLY'))).toEqual(['fraud-b']);
    expect(names(await search(`filter=${encodeURIComponent("tags.team = 'risk'")}`))).toEqual([
      'fraud-a',
    ]);
    const byName = `filter=${encodeURIComponent("name LIKE 'fraud%'")}&view=ALL`;
    expect(names(await search(`${byName}&order_by=name%20DESC`))).toEqual(['fraud-b', 'fraud-a']);

    const first = await search('max_results=1&order_by=name%20DESC');
    expect(names(first)).toEqual(['fraud-a']);
    const second = await search(
      `max_results=1&order_by=name%20DESC&page_token=${encodeURIComponent(first.next_page_token!)}`,
    );
    expect(names(second)).toEqual(['churn']);
    expect(second.next_page_token).toBeUndefined();
    expectErrorReply(
      await inject('GET', `/api/v1/models?filter=${encodeURIComponent('name ==')}`),
      'INVALID_PARAMETER_VALUE',
    );
  });

  it('refuses to delete a model with versions (409 naming them); force deletes it all', async () => {
    await seedVersions('churn', 2);
    await h.calls.setAlias('churn', 'champion', 2);
    expectErrorReply(
      await inject('DELETE', '/api/v1/models/churn'),
      'RESOURCE_CONFLICT',
      /'churn' still has versions 1, 2 and aliases champion; delete it with force/,
    );
    expectErrorReply(
      await inject('DELETE', '/api/v1/models/churn?force=false'),
      'RESOURCE_CONFLICT',
    );
    expect((await h.calls.getModel('churn')).latest_version).toBe(2);

    const forced = await inject('DELETE', '/api/v1/models/churn?force=true');
    expect(forced.statusCode, forced.body).toBe(200);
    expect(forced.json()).toEqual({ deleted: { versions: [1, 2], aliases: ['champion'] } });
    expectErrorReply(await inject('GET', '/api/v1/models/churn'), 'RESOURCE_DOES_NOT_EXIST');
    expectErrorReply(
      await inject('GET', '/api/v1/model-versions/resolve?uri=models:/churn/1'),
      'RESOURCE_DOES_NOT_EXIST',
    );

    await h.calls.createModel({ name: 'empty' });
    const plain = await inject('DELETE', '/api/v1/models/empty');
    expect(plain.json()).toEqual({ deleted: { versions: [], aliases: [] } });
  });
});

describe('aliases', () => {
  it('puts, gets, moves and deletes an alias', async () => {
    await seedVersions('churn', 2);
    const set = await h.calls.setAlias('churn', 'champion', 1);
    expect(set).toMatchObject({ name: 'churn', version: 1, aliases: ['champion'] });

    const got = await inject('GET', '/api/v1/models/churn/aliases/champion');
    expect(got.statusCode).toBe(200);
    expect(got.json<{ model_version: { version: number } }>().model_version.version).toBe(1);

    const moved = await h.calls.setAlias('churn', 'champion', 2);
    expect(moved).toMatchObject({ version: 2, aliases: ['champion'] });
    expect((await h.calls.getVersion('churn', 1)).aliases).toEqual([]);
    expect((await h.calls.getModel('churn')).aliases).toEqual({ champion: 2 });

    expect((await inject('DELETE', '/api/v1/models/churn/aliases/champion')).statusCode).toBe(204);
    expect((await h.calls.getModel('churn')).aliases).toEqual({});
    expectErrorReply(
      await inject('GET', '/api/v1/models/churn/aliases/champion'),
      'RESOURCE_DOES_NOT_EXIST',
      /no alias 'champion'/,
    );
    expectErrorReply(
      await inject('DELETE', '/api/v1/models/churn/aliases/champion'),
      'RESOURCE_DOES_NOT_EXIST',
      /no alias 'champion'/,
    );
  });

  it('refuses reserved and malformed alias names and unknown versions', async () => {
    await seedVersions('churn', 1);
    for (const [alias, message] of [
      ['latest', /'latest' is reserved/],
      ['v3', /reserved: it would read as a version number/],
      ['a%20b', /letters, digits, _ and -/],
    ] as const) {
      expectErrorReply(
        await inject('PUT', `/api/v1/models/churn/aliases/${alias}`, { version: 1 }),
        'INVALID_PARAMETER_VALUE',
        message,
      );
    }
    // `a/b` cannot be one path segment; encoded it reaches the alias check.
    expectErrorReply(
      await inject('PUT', '/api/v1/models/churn/aliases/a%2Fb', { version: 1 }),
      'INVALID_PARAMETER_VALUE',
      /letters, digits, _ and -/,
    );
    expectErrorReply(
      await inject('PUT', '/api/v1/models/churn/aliases/champion', { version: 7 }),
      'RESOURCE_DOES_NOT_EXIST',
      /no version 7/,
    );
    expectErrorReply(
      await inject('PUT', '/api/v1/models/churn/aliases/champion', { version: '1' }),
      'INVALID_PARAMETER_VALUE',
      /version/,
    );
    expect((await h.calls.getModel('churn')).aliases).toEqual({});
  });
});

describe('history and the x-gyre-actor header', () => {
  it('records the header as the actor, anonymous when absent', async () => {
    await h.calls.createModel({ name: 'churn' }, 'alice');
    await h.calls.uploadVersion('churn', tinyVariant(1), '', 'ci-bot');
    await h.calls.setAlias('churn', 'champion', 1);
    await inject(
      'PUT',
      '/api/v1/models/churn/tags',
      { key: 'k', value: 'v' },
      {
        'x-gyre-actor': '  bob@example.com ',
      },
    );

    const history = await h.calls.modelHistory('churn');
    expect(history.entries.map((e) => [e.actor, e.action])).toEqual([
      ['bob@example.com', 'model.tag_set'],
      ['anonymous', 'alias.set'],
      ['ci-bot', 'version.created'],
      ['alice', 'model.created'],
    ]);
    expect(history.entries[1]).toEqual({
      id: expect.any(Number),
      time: expect.any(Number),
      actor: 'anonymous',
      action: 'alias.set',
      model_name: 'churn',
      version: null,
      subject: 'champion',
      old_value: null,
      new_value: 1,
    });
    expect((await h.calls.getVersion('churn', 1)).user_id).toBe('ci-bot');
  });

  it('refuses an invalid actor with 400 and changes nothing', async () => {
    await h.calls.createModel({ name: 'churn' });
    for (const actor of ['', 'x'.repeat(101), 'semi;colon', 'new\tline']) {
      expectErrorReply(
        await inject(
          'PUT',
          '/api/v1/models/churn/tags',
          { key: 'k', value: 'v' },
          {
            'x-gyre-actor': actor,
          },
        ),
        'INVALID_PARAMETER_VALUE',
        /x-gyre-actor must be 1-100 letters/,
      );
    }
    expectErrorReply(
      await inject('POST', '/api/v1/models', { name: 'other' }, { 'x-gyre-actor': 'a;b' }),
      'INVALID_PARAMETER_VALUE',
      /x-gyre-actor/,
    );
    expect((await h.calls.getModel('churn')).tags).toEqual({});
    expect((await h.calls.modelHistory('churn')).entries).toHaveLength(1);
    expectErrorReply(await inject('GET', '/api/v1/models/other'), 'RESOURCE_DOES_NOT_EXIST');
  });

  it('pages the history and follows renames', async () => {
    await h.calls.createModel({ name: 'old' });
    for (const key of ['a', 'b', 'c'])
      await inject('PUT', '/api/v1/models/old/tags', { key, value: '1' });
    await inject('PATCH', '/api/v1/models/old', { name: 'new' });
    const first = await h.calls.modelHistory('new', 'max_results=2');
    expect(first.entries.map((e) => [e.action, e.subject])).toEqual([
      ['model.renamed', null],
      ['model.tag_set', 'c'],
    ]);
    const rest = await h.calls.modelHistory(
      'new',
      `max_results=10&page_token=${encodeURIComponent(first.next_page_token!)}`,
    );
    expectErrorReply(
      await inject(
        'GET',
        `/api/v1/models/other/history?page_token=${encodeURIComponent(first.next_page_token!)}`,
      ),
      'INVALID_PARAMETER_VALUE',
      /different query/,
    );
    expect(rest.entries.map((e) => e.action)).toEqual([
      'model.tag_set',
      'model.tag_set',
      'model.created',
    ]);
  });
});
