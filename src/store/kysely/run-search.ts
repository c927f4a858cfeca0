import { sql, type Kysely } from 'kysely';
import type { Run } from '../model.js';
import type { RunQuery } from '../store.js';
import { compileFilter, type FilterTarget } from './compile-filter.js';
import { compileOrder } from './compile-order.js';
import type { Database } from './database.js';
import { experimentKey } from './experiment-ids.js';
import { loadRuns, type RunRow } from './run-loader.js';
import { viewCondition } from './view-condition.js';

function runTarget(dialect: 'sqlite' | 'postgres'): FilterTarget {
  return {
    dialect,
    owner: 'runs.run_id',
    entities: {
      metric: { table: 'latest_metrics', ownerColumn: 'run_id' },
      param: { table: 'params', ownerColumn: 'run_id' },
      tag: { table: 'tags', ownerColumn: 'run_id' },
    },
    attributes: {
      run_id: { column: 'runs.run_id' },
      run_name: { column: 'runs.run_name' },
      status: { column: 'runs.status' },
      user_id: { column: 'runs.user_id' },
      experiment_id: { column: 'runs.experiment_id', integerId: true },
      parent_run_id: { column: 'runs.parent_run_id' },
      start_time: { column: 'runs.start_time' },
      end_time: { column: 'runs.end_time' },
    },
  };
}

/** One page of runs (plus one extra row when more exist), with their params, tags and latest metrics. */
export async function searchRuns(
  db: Kysely<Database>,
  dialect: 'sqlite' | 'postgres',
  query: RunQuery,
): Promise<Run[]> {
  const target = runTarget(dialect);
  const where = [viewCondition('runs', query.view)];
  if (query.experimentIds && query.experimentIds.length > 0) {
    const ids = query.experimentIds.map(experimentKey).filter((id) => id !== undefined);
    if (ids.length === 0) return [];
    where.push(sql`runs.experiment_id in (${sql.join(ids)})`);
  }
  if (query.filter) where.push(compileFilter(query.filter, target));
  const order = compileOrder(query.orderBy ?? [], target, query.filter);
  const keys = [...order.keys, sql`runs.start_time desc`, sql`runs.run_id asc`];
  const { rows } = await sql<RunRow>`select runs.* from runs ${sql.join(order.joins, sql` `)}
    where ${sql.join(where, sql` and `)}
    order by ${sql.join(keys)} limit ${query.limit + 1} offset ${query.offset}`.execute(db);
  return loadRuns(db, rows);
}
