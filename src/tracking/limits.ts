/** Size limits of tracked entities. Where MLflow has a limit, Gyre accepts at least as much. */
export const limits = {
  keyLength: 250,
  paramValueLength: 6000,
  tagValueLength: 8000,
  experimentNameLength: 500,
  runNameLength: 250,
  /** Per `logBatch` call; MLflow's own REST limits (1,000 / 100 / 100) apply on its API. */
  batchMetrics: 10_000,
  batchParams: 1000,
  batchTags: 1000,
  metricHistoryMaxResults: 100_000,
} as const;
