import { invalidParameter } from '../../core/errors/index.js';
import { modelClosed } from '../runtime/model-closed.js';
import type { Tensor, TensorSpec } from '../runtime/tensor.js';
import { batchRows, whyNotBatchable } from './batch-rows.js';
import type { BatcherListener, QueueRejection } from './batcher-listener.js';
import {
  resolveBatchingOptions,
  type DynamicBatchingOptions,
  type ResolvedBatchingOptions,
} from './batching-options.js';
import { concatRows, splitRows } from './concat-rows.js';
import { formBatch, type Queued } from './form-batch.js';
import { queueFull, queueTimeout } from './queue-errors.js';

/** What the batcher runs: a model's signature and a run of inputs that passed its checks. */
export interface BatchedModel {
  readonly name: string;
  readonly inputs: readonly TensorSpec[];
  readonly outputs: readonly TensorSpec[];
  run(inputs: Record<string, Tensor>): Promise<Record<string, Tensor>>;
}

export interface SubmitOptions {
  /** Overrides the batcher's `timeoutMs` for this request. */
  timeoutMs?: number;
  /** Aborting drops the request if it is still queued (a client that went away). */
  signal?: AbortSignal;
}

type Outputs = Record<string, Tensor>;

interface Pending extends Queued {
  inputs: Record<string, Tensor>;
  resolve(outputs: Outputs): void;
  reject(error: unknown): void;
  timer?: NodeJS.Timeout;
  abort?: { signal: AbortSignal; listener: () => void };
}

/**
 * A model's bounded request queue and dynamic batcher (Triton-style). Requests wait in arrival
 * order; when a run slot is free, the oldest request and the later ones of the same shape
 * (apart from the first dimension) are concatenated along the first dimension up to
 * `maxBatchSize` rows, run once, and the outputs split back by each request's rows. Results
 * are the values the request would get alone. A full queue refuses at once; a request still
 * queued after its timeout is refused.
 */
export class DynamicBatcher {
  readonly options: ResolvedBatchingOptions;
  private notBatchable: string | undefined;
  private readonly queue: Pending[] = [];
  private running = 0;
  private delay: { cancel(): void } | undefined;
  /** Set by close(): resolves once the queue is empty and no run is left. */
  private closed: Promise<void> | undefined;
  private drained: (() => void) | undefined;
  /** Moving average of run seconds per request, for the retry hint. */
  private secondsPerRequest = 0;

  constructor(
    private readonly model: BatchedModel,
    options: DynamicBatchingOptions = {},
    private readonly listener: BatcherListener = {},
  ) {
    this.options = resolveBatchingOptions(options);
    this.notBatchable = this.options.enabled
      ? whyNotBatchable(model.inputs, model.outputs)
      : 'batching is turned off';
  }

  /** Whether requests share runs; when not, why. */
  get batching(): { enabled: boolean; reason?: string } {
    return this.notBatchable === undefined
      ? { enabled: true }
      : { enabled: false, reason: this.notBatchable };
  }

  get queueDepth(): number {
    return this.queue.length;
  }

  async submit(inputs: Record<string, Tensor>, options: SubmitOptions = {}): Promise<Outputs> {
    const name = this.model.name;
    const timeoutMs = options.timeoutMs ?? this.options.timeoutMs;
    if (!(timeoutMs > 0)) throw invalidParameter(`timeoutMs must be positive, got ${timeoutMs}`);
    if (this.closed) throw this.refuse('closed', modelClosed(name));
    options.signal?.throwIfAborted();
    if (this.queue.length >= this.options.maxQueueSize)
      throw this.refuse('queue_full', queueFull(name, this.queue.length, this.retryAfterSeconds()));
    return new Promise<Outputs>((resolve, reject) => {
      const pending: Pending = {
        inputs,
        shape: batchRows(this.model.inputs, inputs),
        queuedAt: performance.now(),
        resolve,
        reject,
      };
      if (Number.isFinite(timeoutMs))
        pending.timer = setTimeout(() => {
          const error = queueTimeout(name, timeoutMs, this.retryAfterSeconds());
          this.drop(pending, 'timeout', error);
        }, timeoutMs);
      const signal = options.signal;
      if (signal) {
        const listener = () => this.drop(pending, 'aborted', signal.reason);
        signal.addEventListener('abort', listener, { once: true });
        pending.abort = { signal, listener };
      }
      this.queue.push(pending);
      this.listener.queueDepth?.(name, this.queue.length);
      this.pump();
    });
  }

  /**
   * Refuses new requests, runs the queued ones (without waiting for others to join them) and
   * resolves once the last run has finished.
   */
  close(): Promise<void> {
    if (!this.closed) {
      this.closed = new Promise<void>((resolve) => (this.drained = resolve));
      this.pump();
    }
    return this.closed;
  }

  /** Starts runs while slots are free and the queue can form a batch now. */
  private pump(): void {
    this.delay?.cancel();
    this.delay = undefined;
    while (this.running < this.options.maxConcurrentRuns && this.queue.length > 0) {
      const batch = this.nextBatch();
      if (!batch) break;
      void this.execute(batch);
    }
    if (this.closed && this.queue.length === 0 && this.running === 0) this.drained?.();
  }

  /** The batch to run now, or undefined after scheduling a wait for more requests. */
  private nextBatch(): Pending[] | undefined {
    const formed = formBatch(this.queue, this.options, {
      batchable: this.notBatchable === undefined,
      now: performance.now(),
      flush: this.closed !== undefined,
    });
    if ('batch' in formed) return this.take(formed.batch);
    this.delay = wait(formed.waitMs, () => {
      this.delay = undefined;
      this.pump();
    });
    return undefined;
  }

  private take(batch: Pending[]): Pending[] {
    if (batch.length === 1 && this.queue[0] === batch[0]) this.queue.shift();
    else {
      const taken = new Set(batch);
      let kept = 0;
      for (const pending of this.queue) if (!taken.has(pending)) this.queue[kept++] = pending;
      this.queue.length = kept;
    }
    for (const pending of batch) release(pending);
    return batch;
  }

  private async execute(batch: Pending[]): Promise<void> {
    this.running += 1;
    const name = this.model.name;
    this.listener.queueDepth?.(name, this.queue.length);
    const started = performance.now();
    for (const pending of batch)
      this.listener.queueTime?.(name, (started - pending.queuedAt) / 1000);
    try {
      if (batch.length === 1) await this.runAlone(batch[0]!);
      else await this.runTogether(batch);
    } catch (error) {
      // Not expected (runs settle their requests), but no request may be left hanging.
      for (const pending of batch) pending.reject(error);
    } finally {
      this.running -= 1;
      this.pump();
    }
  }

  private async runAlone(pending: Pending): Promise<void> {
    const started = performance.now();
    try {
      pending.resolve(await this.model.run(pending.inputs));
    } catch (error) {
      pending.reject(error);
    } finally {
      this.recordRun(1, pending.shape?.rows ?? 0, started, false);
    }
  }

  private async runTogether(batch: Pending[]): Promise<void> {
    const inputs: Record<string, Tensor> = {};
    for (const { name } of this.model.inputs)
      inputs[name] = concatRows(batch.map((pending) => pending.inputs[name]!));
    const rows = batch.map((pending) => pending.shape!.rows);
    const total = rows.reduce((sum, count) => sum + count, 0);
    const started = performance.now();
    let outputs: Outputs;
    try {
      outputs = await this.model.run(inputs);
    } catch {
      // One request's values may have failed the whole run: alone, only that one fails.
      this.recordRun(batch.length, total, started, true);
      for (const pending of batch) await this.runAlone(pending);
      return;
    }
    this.recordRun(batch.length, total, started, true);
    const misfit = Object.entries(outputs).find(([, output]) => output.shape[0] !== total);
    if (misfit) {
      this.notBatchable = `output '${misfit[0]}' has ${misfit[1].shape[0] ?? 'no'} rows for a batch of ${total}`;
      this.listener.batchingDisabled?.(this.model.name, this.notBatchable);
      for (const pending of batch) await this.runAlone(pending);
      return;
    }
    const parts = Object.entries(outputs).map(
      ([name, output]) => [name, splitRows(output, rows)] as const,
    );
    batch.forEach((pending, index) =>
      pending.resolve(Object.fromEntries(parts.map(([name, split]) => [name, split[index]!]))),
    );
  }

  private recordRun(requests: number, rows: number, started: number, batched: boolean): void {
    const seconds = (performance.now() - started) / 1000;
    const perRequest = seconds / requests;
    this.secondsPerRequest =
      this.secondsPerRequest === 0 ? perRequest : 0.8 * this.secondsPerRequest + 0.2 * perRequest;
    this.listener.run?.(this.model.name, { requests, rows, seconds, batched });
  }

  /** Whole seconds until the queue has likely drained, at least 1 (HTTP Retry-After's unit). */
  private retryAfterSeconds(): number {
    const drain = (this.queue.length * this.secondsPerRequest) / this.options.maxConcurrentRuns;
    return Math.max(1, Math.ceil(drain));
  }

  private drop(pending: Pending, reason: QueueRejection, error: unknown): void {
    const index = this.queue.indexOf(pending);
    if (index === -1) return;
    this.queue.splice(index, 1);
    release(pending);
    this.listener.queueDepth?.(this.model.name, this.queue.length);
    pending.reject(this.refuse(reason, error));
    this.pump();
  }

  private refuse<E>(reason: QueueRejection, error: E): E {
    this.listener.rejected?.(this.model.name, reason);
    return error;
  }
}

/** Stops a request's timeout and abort listener once it leaves the queue. */
function release(pending: Pending): void {
  clearTimeout(pending.timer);
  pending.abort?.signal.removeEventListener('abort', pending.abort.listener);
}

/**
 * Calls `then` after `ms`. Node timers count whole milliseconds, so a wait under one is a
 * setImmediate: the event loop turns (taking new requests) until the wait is over.
 */
function wait(ms: number, then: () => void): { cancel(): void } {
  if (ms >= 1) {
    const timer = setTimeout(then, Math.floor(ms));
    return { cancel: () => clearTimeout(timer) };
  }
  const immediate = setImmediate(then);
  return { cancel: () => clearImmediate(immediate) };
}
