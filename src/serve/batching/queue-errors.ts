import { GyreError } from '../../core/errors/index.js';

/**
 * The queue's refusals are TEMPORARILY_UNAVAILABLE (HTTP 503): the same request may succeed
 * later. `retry_after_seconds` in the details is the hint the HTTP layer sends as Retry-After.
 */
export function queueFull(model: string, depth: number, retryAfterSeconds: number): GyreError {
  return new GyreError(
    'TEMPORARILY_UNAVAILABLE',
    `model '${model}' is overloaded: its queue holds ${depth} requests, the most it takes; retry in ${retryAfterSeconds} s`,
    {
      details: {
        model,
        reason: 'queue_full',
        max_queue_size: depth,
        retry_after_seconds: retryAfterSeconds,
      },
    },
  );
}

export function queueTimeout(
  model: string,
  timeoutMs: number,
  retryAfterSeconds: number,
): GyreError {
  return new GyreError(
    'TEMPORARILY_UNAVAILABLE',
    `model '${model}' did not start the request within ${timeoutMs} ms (it is overloaded); retry later`,
    {
      details: {
        model,
        reason: 'timeout',
        timeout_ms: timeoutMs,
        retry_after_seconds: retryAfterSeconds,
      },
    },
  );
}
