import type { Kysely, Transaction } from 'kysely';
import { notFound } from '../../../core/errors/index.js';
import type { Database } from '../database.js';
import type { ModelRow } from './registry-loader.js';

type Reader = Kysely<Database> | Transaction<Database>;

export function modelNotFound(name: string) {
  return notFound(`no registered model named '${name}'`, { name });
}

export function versionNotFound(name: string, version: number) {
  return notFound(`registered model '${name}' has no version ${version}`, { name, version });
}

/**
 * With `lock` (PostgreSQL), the model row is locked FOR UPDATE: every registry write locks its
 * model first, so writes to one model serialise in one lock order (model row, then version rows,
 * then the outbox lock) and re-check what they read after a concurrent change commits.
 * SQLite needs no row lock: its write transactions already run one at a time.
 */
export async function findActiveModel(
  db: Reader,
  name: string,
  lock = false,
): Promise<ModelRow | undefined> {
  const query = db
    .selectFrom('registered_models')
    .selectAll()
    .where('name', '=', name)
    .where('lifecycle_stage', '=', 'active');
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

export async function requireActiveModel(
  db: Reader,
  name: string,
  lock = false,
): Promise<ModelRow> {
  const row = await findActiveModel(db, name, lock);
  if (!row) throw modelNotFound(name);
  return row;
}

/** The active model of that name, else the most recently deleted one (for history and restore). */
export async function findModelIncludingDeleted(
  db: Reader,
  name: string,
): Promise<ModelRow | undefined> {
  return db
    .selectFrom('registered_models')
    .selectAll()
    .where('name', '=', name)
    .orderBy((eb) => eb.case().when('lifecycle_stage', '=', 'active').then(0).else(1).end())
    .orderBy('model_id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function requireActiveVersion(db: Reader, model: ModelRow, version: number) {
  const row = await db
    .selectFrom('model_versions')
    .selectAll()
    .where('model_id', '=', Number(model.model_id))
    .where('version', '=', version)
    .where('lifecycle_stage', '=', 'active')
    .executeTakeFirst();
  if (!row) throw versionNotFound(model.name, version);
  return row;
}

/** Marks a model changed: every write to its aliases, tags or versions moves last_update_time. */
export async function touchModel(db: Reader, modelId: number, now: number): Promise<void> {
  await db
    .updateTable('registered_models')
    .set({ last_update_time: now })
    .where('model_id', '=', modelId)
    .execute();
}
