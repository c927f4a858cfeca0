import type { EventBus } from '../../core/events/index.js';
import type { ChangeEvent } from '../../store/index.js';

/** Registry changes that can change what a model URI names. */
const RELEVANT = new Set([
  'alias.set',
  'alias.deleted',
  'version.created',
  'version.deleted',
  'version.stage_changed',
  'model.deleted',
  'model.renamed',
]);

export interface RegistryFollower {
  stop(): void;
}

/**
 * Calls `onChange(modelName)` after registry changes to a model: at once for changes made in this
 * process (the event bus), and by polling the outbox (`events(cursor)`) for changes other
 * processes make — how a `gyre serve` replica hears that an alias moved. Polling starts after the
 * newest event, and a failed poll is retried on the next tick.
 */
export async function followRegistry(options: {
  bus?: EventBus;
  events?: (cursor: number) => Promise<ChangeEvent[]>;
  pollMs?: number;
  onChange: (modelName: string) => void;
  onPollError?: (error: unknown) => void;
}): Promise<RegistryFollower> {
  const { bus, events, onChange } = options;
  const relevant = (type: string, payload: Record<string, unknown>) => {
    if (RELEVANT.has(type) && typeof payload.model === 'string') onChange(payload.model);
  };
  const unsubscribe = bus?.subscribe('*', (event) => relevant(event.type, event.payload));
  let timer: NodeJS.Timeout | undefined;
  if (events) {
    let cursor = await newestEventId(events);
    let polling = false;
    timer = setInterval(() => {
      if (polling) return;
      polling = true;
      events(cursor)
        .then((batch) => {
          for (const event of batch) {
            cursor = Math.max(cursor, event.id);
            relevant(event.type, event.payload);
          }
        })
        .catch((error: unknown) => options.onPollError?.(error))
        .finally(() => (polling = false));
    }, options.pollMs ?? 1000);
    timer.unref();
  }
  return {
    stop() {
      unsubscribe?.();
      if (timer) clearInterval(timer);
    },
  };
}

async function newestEventId(events: (cursor: number) => Promise<ChangeEvent[]>): Promise<number> {
  let cursor = 0;
  for (;;) {
    const batch = await events(cursor);
    if (batch.length === 0) return cursor;
    cursor = batch.at(-1)!.id;
  }
}
