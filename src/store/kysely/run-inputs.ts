import type { Kysely } from 'kysely';
import type { RunInput } from '../registry-model.js';
import type { Database } from './database.js';
import { runNotFound } from './not-found.js';
import { fromJsonColumn, toJsonColumn } from './registry/json-column.js';

/** Records a run's inputs; logging the same (kind, ref) again updates its digest. */
export async function logRunInputs(
  db: Kysely<Database>,
  runId: string,
  inputs: RunInput[],
  now: number,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const run = await trx
      .selectFrom('runs')
      .select('run_id')
      .where('run_id', '=', runId)
      .executeTakeFirst();
    if (!run) throw runNotFound(runId);
    const unique = new Map(inputs.map((input) => [`${input.kind}\u0000${input.ref}`, input]));
    for (const input of unique.values()) {
      await trx
        .insertInto('run_inputs')
        .values({
          run_id: runId,
          kind: input.kind,
          ref: input.ref,
          digest: input.digest,
          created_time: now,
          details: toJsonColumn(input.details),
        })
        .onConflict((oc) =>
          oc
            .columns(['run_id', 'kind', 'ref'])
            .doUpdateSet({ digest: input.digest, details: toJsonColumn(input.details) }),
        )
        .execute();
    }
  });
}

export async function listRunInputs(db: Kysely<Database>, runId: string): Promise<RunInput[]> {
  const run = await db
    .selectFrom('runs')
    .select('run_id')
    .where('run_id', '=', runId)
    .executeTakeFirst();
  if (!run) throw runNotFound(runId);
  const rows = await db
    .selectFrom('run_inputs')
    .selectAll()
    .where('run_id', '=', runId)
    .orderBy('created_time')
    .orderBy('kind')
    .orderBy('ref')
    .execute();
  return rows.map((row) => {
    const input: RunInput = { kind: row.kind, ref: row.ref, digest: row.digest };
    if (row.details !== null)
      input.details = fromJsonColumn(row.details) as Record<string, unknown>;
    return input;
  });
}

export async function runsUsing(
  db: Kysely<Database>,
  kind: string,
  ref: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('run_inputs')
    .innerJoin('runs', 'runs.run_id', 'run_inputs.run_id')
    .select('run_inputs.run_id')
    .where('run_inputs.kind', '=', kind)
    .where('run_inputs.ref', '=', ref)
    .orderBy('runs.start_time', 'desc')
    .execute();
  return rows.map((row) => row.run_id);
}
