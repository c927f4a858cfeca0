/** Prometheus metrics of serving. */
export { ServingMetrics, type Protocol } from './serving-metrics.js';
