import type { Kysely } from 'kysely';
import type { AuditEntry, ChangeEvent } from '../../registry-model.js';
import type { OutboxStore, RegistryAuditStore } from '../../registry-store.js';
import type { ListWindow } from '../../store.js';
import type { Database } from '../database.js';
import type { ChangeRecorder } from './change-recorder.js';
import { fromJsonColumn } from './json-column.js';

export class AuditRepository implements RegistryAuditStore {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * By model id, so a renamed model keeps its history under its current name; a name that a
   * deleted model had before also lists that model's entries.
   */
  async list(name: string, window: ListWindow): Promise<AuditEntry[]> {
    const rows = await this.db
      .selectFrom('registry_audit')
      .selectAll()
      .where('model_id', 'in', (eb) =>
        eb.selectFrom('registered_models').select('model_id').where('name', '=', name),
      )
      .orderBy('audit_id', 'desc')
      .limit(window.limit + 1)
      .offset(window.offset)
      .execute();
    return rows.map((row) => ({
      id: Number(row.audit_id),
      time: Number(row.time),
      actor: row.actor,
      action: row.action,
      modelName: row.model_name,
      version: row.version === null ? null : Number(row.version),
      subject: row.subject,
      oldValue: fromJsonColumn(row.old_value),
      newValue: fromJsonColumn(row.new_value),
    }));
  }
}

export class OutboxRepository implements OutboxStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly changes: ChangeRecorder,
  ) {}

  async after(cursor: number, limit: number): Promise<ChangeEvent[]> {
    const rows = await this.db
      .selectFrom('outbox')
      .selectAll()
      .where('event_id', '>', cursor)
      .orderBy('event_id')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      id: Number(row.event_id),
      time: Number(row.time),
      type: row.type,
      payload: JSON.parse(row.payload) as Record<string, unknown>,
    }));
  }

  subscribe(listener: (events: ChangeEvent[]) => void): () => void {
    return this.changes.subscribe(listener);
  }
}
