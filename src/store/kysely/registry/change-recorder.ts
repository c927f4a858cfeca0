import { sql, type Kysely, type Transaction } from 'kysely';
import type { Change, ChangeEvent } from '../../registry-model.js';
import type { Database } from '../database.js';
import { toJsonColumn } from './json-column.js';

export interface AuditRecord {
  action: string;
  modelId: number;
  modelName: string;
  version?: number | null;
  subject?: string | null;
  oldValue?: unknown;
  newValue?: unknown;
}

export type RecordChange = (change: Change, entry: AuditRecord) => Promise<void>;

/** Arbitrary constant naming the outbox among PostgreSQL advisory locks. */
const OUTBOX_LOCK = 872302;

/**
 * Writes each registry change twice inside its transaction — an audit entry (kept) and an outbox
 * event (for other processes to poll) — and tells in-process listeners after the commit.
 * On PostgreSQL, transactions that write the outbox take an advisory lock before drawing an id,
 * so ids become visible in increasing order and a poller reading `id > cursor` never skips one.
 */
export class ChangeRecorder {
  private readonly listeners = new Set<(events: ChangeEvent[]) => void>();

  constructor(private readonly dialect: 'sqlite' | 'postgres') {}

  async transaction<T>(
    db: Kysely<Database>,
    body: (trx: Transaction<Database>, record: RecordChange) => Promise<T>,
  ): Promise<T> {
    const pending: ChangeEvent[] = [];
    const result = await db
      .transaction()
      .execute((trx) => body(trx, (change, entry) => this.record(trx, pending, change, entry)));
    if (pending.length > 0) for (const listener of this.listeners) listener(pending);
    return result;
  }

  subscribe(listener: (events: ChangeEvent[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async record(
    trx: Transaction<Database>,
    pending: ChangeEvent[],
    change: Change,
    entry: AuditRecord,
  ): Promise<void> {
    const version = entry.version ?? null;
    const subject = entry.subject ?? null;
    await trx
      .insertInto('registry_audit')
      .values({
        time: change.now,
        actor: change.actor,
        action: entry.action,
        model_id: entry.modelId,
        model_name: entry.modelName,
        version,
        subject,
        old_value: toJsonColumn(entry.oldValue),
        new_value: toJsonColumn(entry.newValue),
      })
      .execute();
    if (this.dialect === 'postgres' && pending.length === 0)
      await sql`select pg_advisory_xact_lock(${OUTBOX_LOCK})`.execute(trx);
    const payload: Record<string, unknown> = {
      model: entry.modelName,
      version,
      subject,
      actor: change.actor,
    };
    if (entry.oldValue !== undefined) payload.old = entry.oldValue;
    if (entry.newValue !== undefined) payload.new = entry.newValue;
    const row = await trx
      .insertInto('outbox')
      .values({ time: change.now, type: entry.action, payload: JSON.stringify(payload) })
      .returning('event_id')
      .executeTakeFirstOrThrow();
    pending.push({ id: Number(row.event_id), time: change.now, type: entry.action, payload });
  }
}
