/** The prediction log's writer: sampled, batched, bounded, off the response path. */
export { PredictionLogger, type PredictionLoggerOptions } from './prediction-logger.js';
