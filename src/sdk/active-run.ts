import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { GyreError, isGyreError } from '../core/errors/index.js';
import type { ArtifactEntry, Run, RunStatus } from '../store/index.js';
import type { MetricInput } from '../tracking/index.js';
import { validateInteger, validateKey, validateMetricValue } from '../tracking/validate.js';
import type { ArtifactsApi, RunsApi } from './tracking-api.js';

export interface ActiveRunOptions {
  /** Send buffered metrics at least this often (default 1000 ms). */
  flushIntervalMs?: number;
  /** Points per batch request (default 1000). */
  batchSize?: number;
  /** Points allowed to wait unsent; past this `logMetric` throws until `flush()` catches up (default 100,000). */
  maxBuffered?: number;
}

const RETRIES = 3;

/**
 * A run being logged to. Metrics are validated at once, buffered, and sent in batches in the
 * background; `flush()` and `end()` wait for them and report any batch that could not be written.
 * Params and tags are written immediately, because their errors (e.g. a param re-logged with
 * another value) are the caller's to handle.
 */
export class ActiveRun {
  private buffer: Required<MetricInput>[] = [];
  private sending: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private failure: GyreError | undefined;
  private ended = false;
  private readonly flushIntervalMs: number;
  private readonly batchSize: number;
  private readonly maxBuffered: number;

  constructor(
    readonly run: Run,
    private readonly runs: RunsApi,
    private readonly artifacts: ArtifactsApi,
    options: ActiveRunOptions = {},
  ) {
    this.flushIntervalMs = options.flushIntervalMs ?? 1000;
    this.batchSize = options.batchSize ?? 1000;
    this.maxBuffered = options.maxBuffered ?? 100_000;
  }

  get runId(): string {
    return this.run.info.runId;
  }

  /** Metric points accepted but not yet confirmed written. */
  get pendingMetrics(): number {
    return this.buffer.length;
  }

  logMetric(key: string, value: number, options: { step?: number; timestamp?: number } = {}): void {
    this.assertOpen();
    if (this.buffer.length >= this.maxBuffered) {
      throw new GyreError(
        'TEMPORARILY_UNAVAILABLE',
        `${this.buffer.length} metric points are waiting to be sent; await run.flush() before logging more`,
      );
    }
    validateKey('metric', key);
    this.buffer.push({
      key,
      value: validateMetricValue(key, value),
      step: options.step === undefined ? 0 : validateInteger(`metric '${key}' step`, options.step),
      timestamp:
        options.timestamp === undefined
          ? Date.now()
          : validateInteger(`metric '${key}' timestamp`, options.timestamp, { min: 0 }),
    });
    if (this.buffer.length >= this.batchSize) this.kick();
    else this.timer ??= setTimeout(() => this.kick(), this.flushIntervalMs);
  }

  logMetrics(
    values: Record<string, number>,
    options: { step?: number; timestamp?: number } = {},
  ): void {
    const timestamp = options.timestamp ?? Date.now();
    for (const [key, value] of Object.entries(values))
      this.logMetric(key, value, { ...options, timestamp });
  }

  async logParam(key: string, value: string | number | boolean): Promise<void> {
    this.assertOpen();
    await this.runs.logParam(this.runId, key, String(value));
  }

  async logParams(params: Record<string, string | number | boolean>): Promise<void> {
    this.assertOpen();
    await this.runs.logBatch(this.runId, {
      params: Object.entries(params).map(([key, value]) => ({ key, value: String(value) })),
    });
  }

  async setTag(key: string, value: string): Promise<void> {
    this.assertOpen();
    await this.runs.setTag(this.runId, key, value);
  }

  /** Uploads a local file as an artifact (default path: the file's name). */
  async logArtifact(localPath: string, artifactPath = basename(localPath)): Promise<ArtifactEntry> {
    this.assertOpen();
    return this.artifacts.upload(this.runId, artifactPath, createReadStream(localPath));
  }

  /** Sends every buffered point; throws if any batch since the last flush could not be written. */
  async flush(): Promise<void> {
    while (this.buffer.length > 0 || this.sending) {
      this.kick();
      await this.sending;
    }
    if (this.failure) {
      const failure = this.failure;
      this.failure = undefined;
      throw failure;
    }
  }

  /** Flushes, then marks the run finished (or failed/killed) and returns it as stored. */
  async end(
    status: Extract<RunStatus, 'FINISHED' | 'FAILED' | 'KILLED'> = 'FINISHED',
  ): Promise<Run> {
    if (this.ended) return this.runs.get(this.runId);
    try {
      await this.flush();
    } finally {
      this.ended = true;
      await this.runs.update(this.runId, { status });
    }
    return this.runs.get(this.runId);
  }

  private kick(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.sending || this.buffer.length === 0) return;
    const batch = this.buffer.splice(0, this.batchSize);
    this.sending = this.send(batch).finally(() => {
      this.sending = undefined;
      if (this.buffer.length >= this.batchSize) this.kick();
      else if (this.buffer.length > 0)
        this.timer ??= setTimeout(() => this.kick(), this.flushIntervalMs);
    });
  }

  private async send(batch: Required<MetricInput>[]): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.runs.logBatch(this.runId, { metrics: batch });
        return;
      } catch (error) {
        const transient = isGyreError(error) && error.code === 'TEMPORARILY_UNAVAILABLE';
        if (transient && attempt < RETRIES) {
          await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** attempt));
          continue;
        }
        const reason = isGyreError(error) ? `${error.code}: ${error.message}` : String(error);
        this.failure ??= new GyreError(
          isGyreError(error) ? error.code : 'INTERNAL_ERROR',
          `${batch.length} metric points could not be logged to run ${this.runId}: ${reason}`,
          {
            cause: error,
          },
        );
        return;
      }
    }
  }

  private assertOpen(): void {
    if (this.ended)
      throw new GyreError(
        'INVALID_STATE',
        `run ${this.runId} has ended; start a new run to log more`,
      );
  }
}
