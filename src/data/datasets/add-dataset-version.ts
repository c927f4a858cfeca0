import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { isSha256Digest } from '../../artifacts/index.js';
import { invalidParameter, notFound } from '../../core/errors/index.js';
import { validateTags, validateText } from '../../tracking/validate.js';
import { parseDatasetSpec } from '../schema/index.js';
import { detectFormat, readTableChunks, type TabularFormat } from '../tabular/index.js';
import { describeFile, progressOf } from './read-passes.js';
import type { DatasetDeps } from './dataset-service.js';
import { validateDatasetName } from './dataset-names.js';
import { toDatasetVersion, type DatasetVersion } from './dataset-version.js';
import { namingSource } from './source-name.js';

export interface AddDatasetInput {
  name: string;
  /** sha256 of bytes already in the artifact store (uploaded, or put there by the SDK). */
  digest: string;
  /** The file name the bytes came from: names the version's source and locates errors. */
  source: string;
  /** Read the bytes as this format; default: from the source's extension, else the content. */
  format?: TabularFormat;
  description?: string;
  tags?: Record<string, string>;
  /** Pinned types and expectations (a parsed spec file, or its JSON/YAML text). */
  spec?: unknown;
  userId?: string;
  /** Rows read so far, per pass over the file. */
  onProgress?: (progress: { pass: string; rows: number }) => void;
}

export interface AddedDatasetVersion {
  version: DatasetVersion;
  /** False when `name` already had a version with these bytes and this spec: that one is returned. */
  created: boolean;
  /** Earlier versions (of any dataset) holding the same bytes, which the new one shares. */
  sameContent: { name: string; version: number }[];
}

/**
 * Profiles the bytes and records them as the next version of the dataset. Everything that can
 * be wrong with the file (unreadable, ragged, mixed types, failed expectations) is found before
 * the version exists, so a failure leaves no version behind.
 */
export async function addDatasetVersion(
  deps: DatasetDeps,
  input: AddDatasetInput,
  now: number,
): Promise<AddedDatasetVersion> {
  const name = validateDatasetName(input.name);
  const source = basename(validateText('source', input.source, 1000));
  const description =
    input.description === undefined ? '' : validateText('description', input.description, 5000);
  const tags = validateTags('tags', input.tags);
  const spec =
    input.spec === undefined || input.spec === null ? null : parseDatasetSpec(input.spec);
  if (!isSha256Digest(input.digest))
    throw invalidParameter(
      `digest must be a sha256 (64 lowercase hex characters), got '${input.digest}'`,
    );
  if (!(await deps.blobs.has(input.digest)))
    throw notFound(`no uploaded content with digest ${input.digest}; upload the file first`, {
      digest: input.digest,
    });

  const sameContent = await deps.store.datasets.withDigest(input.digest);
  for (const match of sameContent.filter((v) => v.name === name).reverse()) {
    const existing = await deps.store.datasets.get(name, match.version);
    if (existing && JSON.stringify(existing.spec) === JSON.stringify(spec))
      return { version: toDatasetVersion(existing), created: false, sameContent };
  }

  const path = await deps.blobs.localPath(input.digest);
  const { contract, profile, format } = await namingSource(path, source, async () => {
    const format = input.format ?? (await detectFormat(path, source));
    const open = (pass: string) =>
      progressOf(readTableChunks(path, { format }), pass, input.onProgress);
    const { contract, profile } = await describeFile(open, spec, source);
    return { contract, profile, format };
  });

  const { version: record, created } = await deps.store.datasets.createVersion(
    {
      name,
      digest: input.digest,
      size: (await stat(path)).size,
      rowCount: profile.row_count,
      format,
      source,
      description,
      userId: input.userId ?? 'local',
      schema: contract.schema,
      profile,
      spec,
      tags,
    },
    now,
  );
  return { version: toDatasetVersion(record), created, sameContent };
}
