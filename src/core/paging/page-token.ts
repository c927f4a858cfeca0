import { createHash } from 'node:crypto';
import { invalidParameter } from '../errors/index.js';

/** MLflow's bounds for list endpoints: at most 50,000 per page, 1,000 unless asked. */
export const pageLimits = { maxResults: 50_000, defaultMaxResults: 1000 } as const;

/**
 * Page tokens are opaque to clients: base64url of the next offset and a fingerprint of the
 * query, so a token replayed against a different query is refused instead of paging wrongly.
 */
export function encodePageToken(offset: number, query: unknown): string {
  return Buffer.from(JSON.stringify({ o: offset, q: fingerprint(query) })).toString('base64url');
}

export function decodePageToken(token: string | undefined, query: unknown): number {
  if (token === undefined || token === '') return 0;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  const { o, q } = (decoded ?? {}) as { o?: unknown; q?: unknown };
  if (typeof o !== 'number' || !Number.isSafeInteger(o) || o < 0 || typeof q !== 'string') {
    throw invalidParameter(
      'invalid page_token: pass back the next_page_token of the previous page unchanged',
    );
  }
  if (q !== fingerprint(query)) {
    throw invalidParameter(
      'page_token belongs to a different query: keep filter, order_by and the other arguments the same while paging',
    );
  }
  return o;
}

export function resolveMaxResults(
  value: number | undefined,
  max: number = pageLimits.maxResults,
  fallback: number = pageLimits.defaultMaxResults,
): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1 || value > max) {
    throw invalidParameter(`max_results must be an integer between 1 and ${max}, got ${value}`);
  }
  return value;
}

/** Cuts the extra row a store returns when more exist, and makes the next token. */
export function toPage<T>(
  rows: T[],
  offset: number,
  limit: number,
  query: unknown,
): { items: T[]; nextPageToken: string | undefined } {
  const more = rows.length > limit;
  return {
    items: more ? rows.slice(0, limit) : rows,
    nextPageToken: more ? encodePageToken(offset + limit, query) : undefined,
  };
}

function fingerprint(query: unknown): string {
  return createHash('sha256').update(JSON.stringify(query)).digest('base64url').slice(0, 12);
}
