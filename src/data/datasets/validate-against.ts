import {
  parseDatasetSpec,
  resolveDatasetSpec,
  type DatasetContract,
  type DatasetSchema,
} from '../schema/index.js';
import { detectFormat, readTableChunks, type TabularFormat } from '../tabular/index.js';
import { validateDataset, type ValidationReport } from '../validate/index.js';
import type { DatasetVersion } from './dataset-version.js';

/** The contract a version holds later files to: its schema, and its spec's expectations. */
export function contractOfVersion(version: DatasetVersion): DatasetContract {
  const schema = version.schema as DatasetSchema;
  if (version.spec === null || version.spec === undefined) return { schema };
  return resolveDatasetSpec(
    parseDatasetSpec(version.spec, version.uri),
    schema.columns,
    version.uri,
  );
}

/**
 * Checks a file against a dataset version: the version's column types and nullability (as
 * inferred or pinned when it was added) and its spec's expectations. Nothing is stored.
 */
export async function validateAgainst(
  path: string,
  version: DatasetVersion,
  options: { format?: TabularFormat; source?: string } = {},
): Promise<ValidationReport> {
  const format = options.format ?? (await detectFormat(path, options.source ?? path));
  return validateDataset(readTableChunks(path, { format }), contractOfVersion(version));
}
