import { Readable } from 'node:stream';
import { errorCatalog, GyreError, type ErrorCode } from '../core/errors/index.js';

export interface RequestOptions {
  query?: Record<string, string | number | boolean | string[] | undefined>;
  body?: unknown;
  /** A raw, streamed request body (artifact uploads). */
  stream?: Readable;
  headers?: Record<string, string>;
}

/** Fetch with Gyre's conventions: JSON in and out, `{ error_code, message }` errors as GyreError. */
export class HttpTransport {
  constructor(readonly baseUrl: string) {}

  async json<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const response = await this.send(method, path, options);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  /** The response body as a stream, for downloads. */
  async stream(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<{ headers: Headers; body: Readable }> {
    const response = await this.send(method, path, options);
    if (!response.body) throw new GyreError('INTERNAL_ERROR', `${method} ${path} returned no body`);
    return {
      headers: response.headers,
      body: Readable.fromWeb(response.body),
    };
  }

  private async send(method: string, path: string, options: RequestOptions): Promise<Response> {
    const url = new URL(this.baseUrl + path);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value === undefined) continue;
      for (const item of Array.isArray(value) ? value : [value])
        url.searchParams.append(key, String(item));
    }
    const headers: Record<string, string> = { ...options.headers };
    let body: RequestInit['body'];
    if (options.stream) {
      body = Readable.toWeb(options.stream);
      headers['content-type'] ??= 'application/octet-stream';
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body,
        ...(options.stream ? { duplex: 'half' } : {}),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new GyreError(
        'TEMPORARILY_UNAVAILABLE',
        `cannot reach the Gyre server at ${this.baseUrl}: ${cause?.code ?? cause?.message ?? (error as Error).message}`,
        {
          cause: error,
        },
      );
    }
    if (!response.ok) throw await toError(response, method, path);
    return response;
  }
}

async function toError(response: Response, method: string, path: string): Promise<GyreError> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as { error_code?: string; message?: string };
    if (body.error_code && body.message !== undefined) {
      const code = (
        body.error_code in errorCatalog ? body.error_code : 'INTERNAL_ERROR'
      ) as ErrorCode;
      return new GyreError(code, body.message);
    }
  } catch {
    // not a Gyre error body; fall through
  }
  const code: ErrorCode =
    response.status === 404
      ? 'ENDPOINT_NOT_FOUND'
      : response.status >= 500
        ? 'INTERNAL_ERROR'
        : 'BAD_REQUEST';
  return new GyreError(
    code,
    `${method} ${path} failed with HTTP ${response.status}: ${text.slice(0, 200)}`,
  );
}
