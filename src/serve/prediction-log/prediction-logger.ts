import { invalidParameter } from '../../core/errors/index.js';
import type { PredictionRecord, PredictionStore } from '../../store/index.js';

export interface PredictionLoggerOptions {
  /** Share of requests logged, 0..1 (default 1): all rows of a sampled request are kept. */
  sampleRate?: number;
  /** Rows held in memory awaiting a write (default 10,000); rows beyond are dropped and counted. */
  maxBufferedRows?: number;
  /** Rows per write (default 500). */
  batchRows?: number;
  /** Longest a row waits before it is written (default 1,000 ms). */
  flushIntervalMs?: number;
  /** Counts for metrics; called synchronously, so keep it cheap. */
  onCount?: (event: 'logged' | 'dropped' | 'written' | 'failed', rows: number) => void;
  /** A failed write, for the log; the rows are dropped (monitoring tolerates gaps, serving must not wait). */
  onError?: (error: unknown, rows: number) => void;
  /** 0..1; injectable so tests can sample deterministically. */
  random?: () => number;
}

/**
 * Writes predictions to the store off the response path: `log` only appends to a bounded buffer
 * (never awaits, never throws); a timer writes batches. When the store is slower than traffic the
 * buffer fills and further rows are dropped and counted — a slow database must not slow serving.
 */
export class PredictionLogger {
  private buffer: PredictionRecord[] = [];
  private writing: Promise<void> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;
  private closed = false;
  private readonly settings: Required<Omit<PredictionLoggerOptions, 'onCount' | 'onError'>>;

  constructor(
    private readonly store: PredictionStore,
    private readonly options: PredictionLoggerOptions = {},
  ) {
    this.settings = {
      sampleRate: rate(options.sampleRate ?? 1),
      maxBufferedRows: positive('maxBufferedRows', options.maxBufferedRows ?? 10_000),
      batchRows: positive('batchRows', options.batchRows ?? 500),
      flushIntervalMs: positive('flushIntervalMs', options.flushIntervalMs ?? 1000),
      random: options.random ?? Math.random,
    };
    this.timer = setInterval(() => void this.flush(), this.settings.flushIntervalMs);
    this.timer.unref();
  }

  /** Queues the rows of one request, if it is sampled. Returns whether they were queued. */
  log(rows: PredictionRecord[]): boolean {
    if (this.closed || rows.length === 0) return false;
    if (this.settings.sampleRate < 1 && this.settings.random() >= this.settings.sampleRate)
      return false;
    if (this.buffer.length + rows.length > this.settings.maxBufferedRows) {
      this.options.onCount?.('dropped', rows.length);
      return false;
    }
    this.buffer.push(...rows);
    this.options.onCount?.('logged', rows.length);
    if (this.buffer.length >= this.settings.batchRows) void this.flush();
    return true;
  }

  /** Rows waiting to be written. */
  get pending(): number {
    return this.buffer.length;
  }

  /** Writes everything queued so far; resolves when written (or dropped after a failure). */
  flush(): Promise<void> {
    const rows = this.buffer;
    this.buffer = [];
    // Writes run one after another so a slow store sees one writer per process.
    this.writing = this.writing.then(() => this.write(rows));
    return this.writing;
  }

  /** Stops taking rows and writes what is queued. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.flush();
  }

  private async write(rows: PredictionRecord[]): Promise<void> {
    for (let i = 0; i < rows.length; i += this.settings.batchRows) {
      const batch = rows.slice(i, i + this.settings.batchRows);
      try {
        await this.store.append(batch);
        this.options.onCount?.('written', batch.length);
      } catch (error) {
        this.options.onCount?.('failed', batch.length);
        this.options.onError?.(error, batch.length);
      }
    }
  }
}

function rate(value: number): number {
  if (!(value >= 0 && value <= 1))
    throw invalidParameter(`prediction log sample rate must be between 0 and 1, got ${value}`);
  return value;
}

function positive(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1)
    throw invalidParameter(`prediction log ${name} must be a positive integer, got ${value}`);
  return value;
}
