import type { PredictionQuery, PredictionRecord } from './prediction-model.js';

/**
 * The prediction log. Same contract as the rest of the Store (atomic, GyreError codes, safe
 * across processes). Written in batches by serving replicas, read by monitoring.
 */
export interface PredictionStore {
  /** Appends rows in one transaction; a (requestId, row) already logged is left as it was. */
  append(records: PredictionRecord[]): Promise<void>;
  /** Newest first. */
  recent(query: PredictionQuery): Promise<PredictionRecord[]>;
  /** The logged rows of these requests, by request id then row. */
  byRequestIds(requestIds: string[]): Promise<PredictionRecord[]>;
}
