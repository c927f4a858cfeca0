import { notFound } from '../../core/errors/index.js';
import type { Store } from '../../store/index.js';
import { formatDatasetRef, parseDatasetRef, type DatasetRef } from './dataset-ref.js';
import { validateDatasetName } from './dataset-names.js';
import { toDatasetVersion, type DatasetVersion } from './dataset-version.js';

/** The version a URI or `NAME@VERSION|ALIAS` names; RESOURCE_DOES_NOT_EXIST when none. */
export async function resolveDatasetVersion(
  store: Store,
  ref: string | DatasetRef,
): Promise<DatasetVersion> {
  const parsed = typeof ref === 'string' ? parseDatasetRef(ref) : ref;
  validateDatasetName(parsed.name);
  const { datasets } = store;
  let record;
  if (parsed.kind === 'latest') record = await datasets.latest(parsed.name);
  else {
    const version =
      parsed.kind === 'version' ? parsed.version : await datasets.alias(parsed.name, parsed.alias);
    record = version === undefined ? undefined : await datasets.get(parsed.name, version);
  }
  if (!record) {
    const missing = (await datasets.latest(parsed.name))
      ? `nothing named ${formatDatasetRef(parsed)}`
      : `no dataset named '${parsed.name}'`;
    throw notFound(`${missing}; 'gyre data list' shows the datasets and their versions`, {
      ref: formatDatasetRef(parsed),
    });
  }
  return toDatasetVersion(record);
}
