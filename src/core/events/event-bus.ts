/** What happened, as a plain record; `type` is a dotted name such as `run.created`. */
export interface GyreEvent {
  type: string;
  at: number;
  payload: Record<string, unknown>;
}

export type EventHandler = (event: GyreEvent) => void | Promise<void>;

/**
 * In-process publish/subscribe. A subscriber that throws or rejects is reported to
 * `onHandlerError` and never breaks the publisher: the change it reacts to already happened.
 * Other processes learn of changes through the store (outbox), not through this bus.
 */
export class EventBus {
  private readonly handlers = new Map<string, Set<EventHandler>>();

  constructor(
    private readonly onHandlerError: (error: unknown, event: GyreEvent) => void = () => {},
  ) {}

  /** Subscribe to one event type, or to every event with `*`. Returns the unsubscribe function. */
  subscribe(type: string, handler: EventHandler): () => void {
    const set = this.handlers.get(type) ?? new Set<EventHandler>();
    set.add(handler);
    this.handlers.set(type, set);
    return () => set.delete(handler);
  }

  publish(type: string, payload: Record<string, unknown>, at = Date.now()): void {
    const event: GyreEvent = { type, at, payload };
    for (const handler of [...(this.handlers.get(type) ?? []), ...(this.handlers.get('*') ?? [])]) {
      try {
        const result = handler(event);
        if (result instanceof Promise)
          result.catch((error: unknown) => this.onHandlerError(error, event));
      } catch (error) {
        this.onHandlerError(error, event);
      }
    }
  }
}
