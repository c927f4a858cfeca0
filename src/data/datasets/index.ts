/** Versioned datasets: content-addressed files with schema, profile, expectations and lineage. */
export { DatasetService, type DatasetDeps, type DatasetPageQuery } from './dataset-service.js';
export type { AddDatasetInput, AddedDatasetVersion } from './add-dataset-version.js';
export { toDatasetVersion, type DatasetVersion } from './dataset-version.js';
export {
  DATASET_SCHEME,
  datasetVersionUri,
  formatDatasetRef,
  isDatasetUri,
  parseDatasetRef,
  type DatasetRef,
} from './dataset-ref.js';
export { DATASET_INPUT_KIND, type DatasetLineage } from './dataset-lineage.js';
export { validateDatasetAlias, validateDatasetName } from './dataset-names.js';
export { contractOfVersion, validateAgainst } from './validate-against.js';
export { resolveDatasetVersion } from './resolve-dataset.js';
