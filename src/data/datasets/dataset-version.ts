import type { DatasetVersionRecord } from '../../store/index.js';
import { datasetVersionUri } from './dataset-ref.js';

/** A dataset version as the service hands it out: the stored record plus its URI. */
export interface DatasetVersion extends DatasetVersionRecord {
  /** `datasets:/NAME/VERSION`: the one name for exactly these bytes. */
  uri: string;
}

export function toDatasetVersion(record: DatasetVersionRecord): DatasetVersion {
  return { ...record, uri: datasetVersionUri(record.name, record.version) };
}
