import type { DatasetContract, DatasetSpec } from '../schema/index.js';
import { resolveDatasetSpec, schemaFromTypes } from '../schema/index.js';
import { profileDataset, type DatasetProfile } from '../profile/index.js';
import { ColumnTypeInferrer, type TableChunk } from '../tabular/index.js';
import { invalidParameter } from '../../core/errors/index.js';
import { refuseMixedTypes, validateDataset } from '../validate/index.js';

export type ProgressListener = (progress: { pass: string; rows: number }) => void;

/** Passes chunks through, telling `listener` how many rows of this pass have gone by. */
export async function* progressOf(
  chunks: AsyncIterable<TableChunk>,
  pass: string,
  listener: ProgressListener | undefined,
): AsyncGenerator<TableChunk> {
  let rows = 0;
  for await (const chunk of chunks) {
    rows += chunk.rowCount;
    listener?.({ pass, rows });
    yield chunk;
  }
}

/**
 * The contract a new version is held to and its profile. Without a spec the types are inferred
 * while the profile's first pass reads the file (the profiler infers the same types); a spec's
 * pins must be known before profiling, which then costs a pass of its own. A column whose values
 * mix kinds (numbers with a few words) is refused unless the spec pins its type (see
 * refuseMixedTypes); a file that breaks its own spec is refused (see refuseViolations).
 */
export async function describeFile(
  open: (pass: string) => AsyncIterable<TableChunk>,
  spec: DatasetSpec | null,
  source: string,
): Promise<{ contract: DatasetContract; profile: DatasetProfile }> {
  const inferrer = new ColumnTypeInferrer();
  if (spec === null) {
    let first = true;
    const profile = await profileDataset(() => {
      const chunks = open('profile');
      if (!first) return chunks;
      first = false;
      return tap(chunks, (chunk) => inferrer.add(chunk));
    });
    const types = inferrer.result();
    await refuseMixedTypes(types, open('mixed types'), { path: source });
    return { contract: { schema: schemaFromTypes(types) }, profile };
  }
  for await (const chunk of open('types')) inferrer.add(chunk);
  const types = inferrer.result();
  await refuseMixedTypes(types, open('mixed types'), { spec, path: source });
  const contract = resolveDatasetSpec(spec, schemaFromTypes(types).columns, source);
  const profile = await profileDataset(() => open('profile'), { schema: contract.schema });
  // Pinned types and nullability live in the schema, so any spec means a checking pass.
  await refuseViolations(open('validate'), contract, source);
  return { contract, profile };
}

async function* tap(
  chunks: AsyncIterable<TableChunk>,
  see: (chunk: TableChunk) => void,
): AsyncGenerator<TableChunk> {
  for await (const chunk of chunks) {
    see(chunk);
    yield chunk;
  }
}

/**
 * Refuses a file that breaks its own spec (INVALID_PARAMETER_VALUE, reason
 * `expectations_failed`, the whole report in `details.report`): a version must meet the
 * expectations it will hold later files to.
 */
export async function refuseViolations(
  chunks: AsyncIterable<TableChunk>,
  contract: DatasetContract,
  source: string,
): Promise<void> {
  const report = await validateDataset(chunks, contract);
  if (report.valid) return;
  const shown = report.failures.slice(0, 3).map((f) => {
    const example = f.examples[0];
    const first = example ? `, first row ${example.row}: ${JSON.stringify(example.value)}` : '';
    return `column ${JSON.stringify(f.column)} ${f.rule} (expected ${f.expected}): ${f.failing_count} rows${first}`;
  });
  const more =
    report.failures.length > shown.length
      ? `; and ${report.failures.length - shown.length} more`
      : '';
  throw invalidParameter(
    `${source} does not meet its spec: ${shown.join('; ')}${more}. Fix the rows or the spec; 'gyre data validate' prints the whole report`,
    { reason: 'expectations_failed', report },
  );
}
