/**
 * One logged prediction: one row of a request to a served model, as the prediction log keeps it
 * for monitoring (drift on inputs and outputs, and accuracy once labels arrive).
 */
export interface PredictionRecord {
  /** The request's id (returned to the caller), and the row within it. */
  requestId: string;
  row: number;
  modelName: string;
  /** Registered version; null for a model served from a file. */
  modelVersion: number | null;
  /** ms since the epoch. */
  time: number;
  latencyMs: number;
  /** The row's inputs by feature (or input) name, as JSON values. */
  inputs: Record<string, unknown>;
  /** The row's outputs by output name, as JSON values. */
  outputs: Record<string, unknown>;
}

/** Which logged predictions to read: a model's newest `limit`, optionally since a time. */
export interface PredictionQuery {
  modelName: string;
  /** Only this version; every version when absent. */
  modelVersion?: number;
  /** ms since the epoch, inclusive. */
  since?: number;
  /** Most rows returned, newest first. */
  limit: number;
}
