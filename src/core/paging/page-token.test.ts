import { describe, expect, it } from 'vitest';
import { expectGyreError } from '../../testing/expect-gyre-error.js';
import { pageLimits as limits } from './page-token.js';
import { decodePageToken, encodePageToken, resolveMaxResults, toPage } from './page-token.js';

const query = { kind: 'runs', experimentIds: ['1', '2'], filter: 'metrics.acc > 0.5', orderBy: [] };

describe('page tokens', () => {
  it.each([0, 1, 1000, Number.MAX_SAFE_INTEGER])('round-trip the offset %d', (offset) => {
    const token = encodePageToken(offset, query);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodePageToken(token, { ...query })).toBe(offset);
  });

  it('reads an absent or empty token as the first page', () => {
    expect(decodePageToken(undefined, query)).toBe(0);
    expect(decodePageToken('', query)).toBe(0);
  });

  it.each([
    ['another filter', { ...query, filter: 'metrics.acc > 0.6' }],
    ['other experiments', { ...query, experimentIds: ['1'] }],
    ['another order', { ...query, orderBy: ['start_time'] }],
    ['another kind', { ...query, kind: 'experiments' }],
  ])('refuses a token replayed with %s', async (_what, other) => {
    const token = encodePageToken(100, query);
    await expectGyreError(
      () => decodePageToken(token, other),
      'INVALID_PARAMETER_VALUE',
      /page_token belongs to a different query/,
    );
  });

  it.each([
    ['garbage', 'not a token!'],
    ['random base64url', Buffer.from('hello world').toString('base64url')],
    ['JSON without a query', Buffer.from('{"o":5}').toString('base64url')],
    ['a negative offset', Buffer.from('{"o":-1,"q":"x"}').toString('base64url')],
    ['a fractional offset', Buffer.from('{"o":1.5,"q":"x"}').toString('base64url')],
    ['a string offset', Buffer.from('{"o":"5","q":"x"}').toString('base64url')],
    ['an unsafe offset', Buffer.from('{"o":9007199254740993,"q":"x"}').toString('base64url')],
    ['JSON null', Buffer.from('null').toString('base64url')],
    ['a JSON array', Buffer.from('[1,2]').toString('base64url')],
  ])('refuses %s', async (_what, token) => {
    await expectGyreError(
      () => decodePageToken(token, query),
      'INVALID_PARAMETER_VALUE',
      /^invalid page_token: pass back the next_page_token/,
    );
  });

  it('binds a token to its query, not to its offset', async () => {
    const token = encodePageToken(10, query);
    const decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      o: number;
      q: string;
    };
    const edited = Buffer.from(JSON.stringify({ ...decoded, o: 20 })).toString('base64url');
    // The offset is not signed, only bound to the query: an edited offset still pages that query.
    expect(decodePageToken(edited, query)).toBe(20);
    const otherQuery = Buffer.from(JSON.stringify({ ...decoded, q: 'x'.repeat(12) })).toString(
      'base64url',
    );
    await expectGyreError(() => decodePageToken(otherQuery, query), 'INVALID_PARAMETER_VALUE');
  });
});

describe('resolveMaxResults', () => {
  it('defaults to the fallback and accepts 1 through the maximum', () => {
    expect(resolveMaxResults(undefined)).toBe(limits.defaultMaxResults);
    expect(resolveMaxResults(1)).toBe(1);
    expect(resolveMaxResults(limits.maxResults)).toBe(50_000);
    expect(resolveMaxResults(undefined, 10, 5)).toBe(5);
    expect(resolveMaxResults(10, 10, 5)).toBe(10);
  });

  it.each([0, -1, 1.5, Number.NaN, Infinity, 50_001])('refuses %d', async (value) => {
    await expectGyreError(
      () => resolveMaxResults(value),
      'INVALID_PARAMETER_VALUE',
      /^max_results must be an integer between 1 and 50000, got /,
    );
  });

  it('uses the given maximum in its bound and message', async () => {
    await expectGyreError(
      () => resolveMaxResults(11, 10),
      'INVALID_PARAMETER_VALUE',
      /between 1 and 10, got 11/,
    );
  });
});

describe('toPage', () => {
  it('returns all rows and no token when the store found no more', () => {
    expect(toPage([1, 2, 3], 0, 3, query)).toEqual({ items: [1, 2, 3], nextPageToken: undefined });
    expect(toPage([], 0, 3, query)).toEqual({ items: [], nextPageToken: undefined });
  });

  it('cuts the extra row and points the token at the next offset', () => {
    const page = toPage([1, 2, 3, 4], 6, 3, query);
    expect(page.items).toEqual([1, 2, 3]);
    expect(decodePageToken(page.nextPageToken, query)).toBe(9);
  });
});
