import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export type Protocol = 'v2' | 'mlflow' | 'gyre';

/** Seconds; inference on small tabular models is sub-millisecond, image models tens of ms. */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
const BATCH_BUCKETS = [1, 2, 4, 8, 16, 32, 64, 128];

/**
 * The serving process's Prometheus metrics, in a registry of its own (so two servers in one
 * process, as in tests, do not collide), plus Node's process metrics.
 */
export class ServingMetrics {
  readonly registry = new Registry();
  readonly requests: Counter<'model' | 'version' | 'protocol' | 'status'>;
  readonly requestSeconds: Histogram<'model' | 'version' | 'protocol'>;
  readonly queueSeconds: Histogram<'model'>;
  readonly inferenceSeconds: Histogram<'model'>;
  readonly batchSize: Histogram<'model'>;
  readonly queueDepth: Gauge<'model'>;
  readonly loadedModels: Gauge<'model' | 'version'>;
  readonly predictionLog: Counter<'event'>;

  constructor(options: { processMetrics?: boolean } = {}) {
    const registers = [this.registry];
    this.requests = new Counter({
      name: 'gyre_inference_requests_total',
      help: 'Inference requests by model, version, protocol and HTTP status',
      labelNames: ['model', 'version', 'protocol', 'status'],
      registers,
    });
    this.requestSeconds = new Histogram({
      name: 'gyre_inference_request_duration_seconds',
      help: 'Time from receiving an inference request to sending its response',
      labelNames: ['model', 'version', 'protocol'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.queueSeconds = new Histogram({
      name: 'gyre_inference_queue_duration_seconds',
      help: 'Time a request waited in its model queue before its batch ran',
      labelNames: ['model'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.inferenceSeconds = new Histogram({
      name: 'gyre_inference_compute_duration_seconds',
      help: 'onnxruntime time per session run (one batch)',
      labelNames: ['model'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.batchSize = new Histogram({
      name: 'gyre_inference_batch_size',
      help: 'Requests per session run',
      labelNames: ['model'],
      buckets: BATCH_BUCKETS,
      registers,
    });
    this.queueDepth = new Gauge({
      name: 'gyre_inference_queue_depth',
      help: 'Requests waiting in a model queue',
      labelNames: ['model'],
      registers,
    });
    this.loadedModels = new Gauge({
      name: 'gyre_loaded_models',
      help: '1 for each model version loaded and serving',
      labelNames: ['model', 'version'],
      registers,
    });
    this.predictionLog = new Counter({
      name: 'gyre_prediction_log_rows_total',
      help: 'Prediction log rows: logged (queued), written, dropped (buffer full), failed (write error)',
      labelNames: ['event'],
      registers,
    });
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  /** The Prometheus text exposition of every metric. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
