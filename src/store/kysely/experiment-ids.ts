/** Experiment ids are strings at the interface (as in MLflow) and integers in the database. */
export function experimentKey(experimentId: string): number | undefined {
  if (!/^\d{1,15}$/.test(experimentId)) return undefined;
  return Number(experimentId);
}
