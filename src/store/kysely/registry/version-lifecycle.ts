import type { Transaction } from 'kysely';
import { GyreError } from '../../../core/errors/index.js';
import type { Change, ModelStage } from '../../registry-model.js';
import type { Database } from '../database.js';
import type { RecordChange } from './change-recorder.js';
import { requireActiveModel, requireActiveVersion } from './lookups.js';

/**
 * Moves a version to a stage. With `archiveExisting`, every other active version already in
 * that stage (Staging or Production) moves to Archived, as MLflow's archive_existing_versions.
 */
export async function transitionStage(
  trx: Transaction<Database>,
  record: RecordChange,
  request: {
    name: string;
    version: number;
    stage: ModelStage;
    archiveExisting: boolean;
    lock: boolean;
  },
  change: Change,
): Promise<void> {
  const model = await requireActiveModel(trx, request.name, request.lock);
  const modelId = Number(model.model_id);
  const row = await requireActiveVersion(trx, model, request.version);
  const moves: { versionId: number; version: number; from: string; to: ModelStage }[] = [];
  if (row.stage !== request.stage)
    moves.push({
      versionId: Number(row.version_id),
      version: request.version,
      from: row.stage,
      to: request.stage,
    });
  if (request.archiveExisting && (request.stage === 'Staging' || request.stage === 'Production')) {
    const others = await trx
      .selectFrom('model_versions')
      .select(['version_id', 'version', 'stage'])
      .where('model_id', '=', modelId)
      .where('lifecycle_stage', '=', 'active')
      .where('stage', '=', request.stage)
      .where('version_id', '!=', Number(row.version_id))
      .orderBy('version')
      .execute();
    for (const other of others)
      moves.push({
        versionId: Number(other.version_id),
        version: Number(other.version),
        from: other.stage,
        to: 'Archived',
      });
  }
  for (const move of moves) {
    await trx
      .updateTable('model_versions')
      .set({ stage: move.to, last_update_time: change.now })
      .where('version_id', '=', move.versionId)
      .execute();
    await record(change, {
      action: 'version.stage_changed',
      modelId,
      modelName: request.name,
      version: move.version,
      oldValue: move.from,
      newValue: move.to,
    });
  }
}

/** Soft-deletes a version; aliases pointing at it block the delete unless `force`, which removes them. */
export async function deleteVersion(
  trx: Transaction<Database>,
  record: RecordChange,
  request: { name: string; version: number; force: boolean; lock: boolean },
  change: Change,
): Promise<{ aliases: string[] }> {
  const model = await requireActiveModel(trx, request.name, request.lock);
  const modelId = Number(model.model_id);
  const row = await requireActiveVersion(trx, model, request.version);
  const versionId = Number(row.version_id);
  const aliases = (
    await trx
      .selectFrom('model_aliases')
      .select('alias')
      .where('version_id', '=', versionId)
      .orderBy('alias')
      .execute()
  ).map((alias) => alias.alias);
  if (aliases.length > 0 && !request.force) {
    throw new GyreError(
      'RESOURCE_CONFLICT',
      `version ${request.version} of '${request.name}' is the target of alias(es) ${aliases.join(', ')}; move them first, or delete with force to remove them too`,
      { details: { name: request.name, version: request.version, aliases } },
    );
  }
  for (const alias of aliases) {
    await trx
      .deleteFrom('model_aliases')
      .where('model_id', '=', modelId)
      .where('alias', '=', alias)
      .execute();
    await record(change, {
      action: 'alias.deleted',
      modelId,
      modelName: request.name,
      subject: alias,
      oldValue: request.version,
      newValue: null,
    });
  }
  await trx
    .updateTable('model_versions')
    .set({ lifecycle_stage: 'deleted', deleted_time: change.now, last_update_time: change.now })
    .where('version_id', '=', versionId)
    .execute();
  await record(change, {
    action: 'version.deleted',
    modelId,
    modelName: request.name,
    version: request.version,
    oldValue: { aliases },
    newValue: null,
  });
  return { aliases };
}
