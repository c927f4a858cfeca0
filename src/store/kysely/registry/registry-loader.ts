import type { Kysely, Selectable, Transaction } from 'kysely';
import type { LifecycleStage } from '../../model.js';
import type {
  ModelStage,
  ModelVersionRecord,
  ModelVersionStatus,
  RegisteredModel,
} from '../../registry-model.js';
import type { Database } from '../database.js';
import { fromJsonColumn } from './json-column.js';

export type ModelRow = Selectable<Database['registered_models']>;
export type VersionRow = Selectable<Database['model_versions']> & { name: string };
type Reader = Kysely<Database> | Transaction<Database>;

/** Attaches tags, aliases and the latest active version number to model rows, keeping their order. */
export async function loadModels(db: Reader, rows: ModelRow[]): Promise<RegisteredModel[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => Number(row.model_id));
  const [tags, aliases, latest] = await Promise.all([
    db.selectFrom('registered_model_tags').selectAll().where('model_id', 'in', ids).execute(),
    db
      .selectFrom('model_aliases')
      .innerJoin('model_versions', 'model_versions.version_id', 'model_aliases.version_id')
      .select(['model_aliases.model_id', 'model_aliases.alias', 'model_versions.version'])
      .where('model_aliases.model_id', 'in', ids)
      .execute(),
    db
      .selectFrom('model_versions')
      .select(['model_id', (eb) => eb.fn.max('version').as('latest')])
      .where('model_id', 'in', ids)
      .where('lifecycle_stage', '=', 'active')
      .groupBy('model_id')
      .execute(),
  ]);
  return rows.map((row) => {
    const id = Number(row.model_id);
    const latestRow = latest.find((l) => Number(l.model_id) === id);
    return {
      name: row.name,
      description: row.description,
      creationTime: Number(row.creation_time),
      lastUpdateTime: Number(row.last_update_time),
      lifecycleStage: row.lifecycle_stage as LifecycleStage,
      tags: Object.fromEntries(
        tags.filter((t) => Number(t.model_id) === id).map((t) => [t.key, t.value]),
      ),
      aliases: Object.fromEntries(
        aliases.filter((a) => Number(a.model_id) === id).map((a) => [a.alias, Number(a.version)]),
      ),
      latestVersion:
        latestRow?.latest === null || latestRow?.latest === undefined
          ? null
          : Number(latestRow.latest),
    };
  });
}

/** Attaches tags and aliases to version rows (joined with their model's name), keeping their order. */
export async function loadVersions(db: Reader, rows: VersionRow[]): Promise<ModelVersionRecord[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => Number(row.version_id));
  const [tags, aliases] = await Promise.all([
    db.selectFrom('model_version_tags').selectAll().where('version_id', 'in', ids).execute(),
    db
      .selectFrom('model_aliases')
      .select(['version_id', 'alias'])
      .where('version_id', 'in', ids)
      .orderBy('alias')
      .execute(),
  ]);
  return rows.map((row) => {
    const id = Number(row.version_id);
    return {
      name: row.name,
      version: Number(row.version),
      source: row.source,
      runId: row.run_id,
      status: row.status as ModelVersionStatus,
      statusMessage: row.status_message,
      description: row.description,
      stage: row.stage as ModelStage,
      userId: row.user_id,
      creationTime: Number(row.creation_time),
      lastUpdateTime: Number(row.last_update_time),
      lifecycleStage: row.lifecycle_stage as LifecycleStage,
      digest: row.digest,
      size: Number(row.size),
      signature: fromJsonColumn(row.signature),
      featureSchema: fromJsonColumn(row.feature_schema),
      classLabels: fromJsonColumn(row.class_labels),
      modelInfo: fromJsonColumn(row.model_info),
      tags: Object.fromEntries(
        tags.filter((t) => Number(t.version_id) === id).map((t) => [t.key, t.value]),
      ),
      aliases: aliases.filter((a) => Number(a.version_id) === id).map((a) => a.alias),
    };
  });
}

/** Version rows with their model's name, for one model or all. */
export function versionRows(db: Reader) {
  return db
    .selectFrom('model_versions')
    .innerJoin('registered_models', 'registered_models.model_id', 'model_versions.model_id')
    .selectAll('model_versions')
    .select('registered_models.name');
}
