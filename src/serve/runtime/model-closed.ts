import { GyreError } from '../../core/errors/index.js';

/**
 * A request reached a model after `close()`: TEMPORARILY_UNAVAILABLE (503), because during a
 * reload the same request succeeds on the model's successor.
 */
export function modelClosed(model: string): GyreError {
  return new GyreError(
    'TEMPORARILY_UNAVAILABLE',
    `model '${model}' is closed (unloaded or being replaced); retry to reach its successor`,
    { details: { model, reason: 'closed', retry_after_seconds: 1 } },
  );
}
