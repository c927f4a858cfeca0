import { sql, type RawBuilder } from 'kysely';
import type { ViewType } from '../model.js';

/** Which soft-deleted rows a listing shows; `table` is a fixed table name, never user input. */
export function viewCondition(
  table: 'runs' | 'experiments' | 'registered_models',
  view: ViewType,
): RawBuilder<unknown> {
  const stage = sql.ref(`${table}.lifecycle_stage`);
  if (view === 'ACTIVE_ONLY') return sql`${stage} = 'active'`;
  if (view === 'DELETED_ONLY') return sql`${stage} = 'deleted'`;
  return sql`1 = 1`;
}
