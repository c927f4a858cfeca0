import { modelVersionFilterSchema, parseFilter, type Store } from '../../store/index.js';
import { datasetVersionUri } from './dataset-ref.js';

/** Runs record dataset versions as inputs of this kind, with the version's URI as ref. */
export const DATASET_INPUT_KIND = 'dataset';

export interface DatasetLineage {
  /** Runs that logged the version as an input, newest first. */
  runs: {
    runId: string;
    experimentId: string;
    runName: string;
    status: string;
    startTime: number;
  }[];
  /** Model versions registered from those runs. */
  modelVersions: { name: string; version: number; runId: string | null }[];
}

/** What used a dataset version: the runs that read it, and the models those runs registered. */
export async function datasetLineage(
  store: Store,
  name: string,
  version: number,
): Promise<DatasetLineage> {
  const runIds = await store.runs.runsUsing(DATASET_INPUT_KIND, datasetVersionUri(name, version));
  const runs: DatasetLineage['runs'] = [];
  const modelVersions: DatasetLineage['modelVersions'] = [];
  for (const runId of runIds) {
    const run = await store.runs.get(runId);
    if (!run) continue;
    const { info } = run;
    runs.push({
      runId,
      experimentId: info.experimentId,
      runName: info.runName,
      status: info.status,
      startTime: info.startTime,
    });
    const registered = await store.modelVersions.search({
      view: 'ACTIVE_ONLY',
      filter: parseFilter(`run_id = '${runId}'`, modelVersionFilterSchema),
      offset: 0,
      limit: 1000,
    });
    for (const v of registered)
      modelVersions.push({ name: v.name, version: v.version, runId: v.runId });
  }
  return { runs, modelVersions };
}
