import type { Kysely, Selectable } from 'kysely';
import type { PredictionQuery, PredictionRecord } from '../prediction-model.js';
import type { PredictionStore } from '../prediction-store.js';
import type { Database, PredictionTables } from './database.js';

/** 500 rows × 8 columns stays far below both dialects' parameter limits. */
const ROWS_PER_INSERT = 500;

export class PredictionRepository implements PredictionStore {
  constructor(private readonly db: Kysely<Database>) {}

  async append(records: PredictionRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      for (let i = 0; i < records.length; i += ROWS_PER_INSERT) {
        await trx
          .insertInto('predictions')
          .values(records.slice(i, i + ROWS_PER_INSERT).map(toRow))
          .onConflict((oc) => oc.columns(['request_id', 'row']).doNothing())
          .execute();
      }
    });
  }

  async recent(query: PredictionQuery): Promise<PredictionRecord[]> {
    let select = this.db
      .selectFrom('predictions')
      .selectAll()
      .where('model_name', '=', query.modelName);
    if (query.modelVersion !== undefined)
      select = select.where('model_version', '=', query.modelVersion);
    if (query.since !== undefined) select = select.where('time', '>=', query.since);
    const rows = await select
      .orderBy('time', 'desc')
      .orderBy('request_id', 'desc')
      .orderBy('row', 'desc')
      .limit(query.limit)
      .execute();
    return rows.map(fromRow);
  }

  async byRequestIds(requestIds: string[]): Promise<PredictionRecord[]> {
    if (requestIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('predictions')
      .selectAll()
      .where('request_id', 'in', requestIds)
      .orderBy('request_id')
      .orderBy('row')
      .execute();
    return rows.map(fromRow);
  }
}

function toRow(record: PredictionRecord): PredictionTables['predictions'] {
  return {
    request_id: record.requestId,
    row: record.row,
    model_name: record.modelName,
    model_version: record.modelVersion,
    time: record.time,
    latency_ms: record.latencyMs,
    inputs: JSON.stringify(record.inputs),
    outputs: JSON.stringify(record.outputs),
  };
}

function fromRow(row: Selectable<PredictionTables['predictions']>): PredictionRecord {
  return {
    requestId: row.request_id,
    row: Number(row.row),
    modelName: row.model_name,
    modelVersion: row.model_version === null ? null : Number(row.model_version),
    time: Number(row.time),
    latencyMs: Number(row.latency_ms),
    inputs: JSON.parse(row.inputs) as Record<string, unknown>,
    outputs: JSON.parse(row.outputs) as Record<string, unknown>,
  };
}
