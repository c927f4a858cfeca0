import { sql, type RawBuilder } from 'kysely';
import { invalidParameter } from '../../core/errors/index.js';
import type { FilterNode, OrderTerm } from '../query/index.js';
import type { FilterTarget } from './compile-filter.js';

export interface CompiledOrder {
  joins: RawBuilder<unknown>[];
  keys: RawBuilder<unknown>[];
}

/**
 * ORDER BY terms with the same result in both dialects: records missing the key come last,
 * NaN metrics after every number, in either direction. Ties fall through to the caller's keys.
 *
 * When the filter already guarantees a key is present with a comparable value (`metrics.acc >
 * 0.9 … order by metrics.acc`), the join is an inner join ordered by the bare value: the result
 * is the same, and the database can walk the (key, value) index in order instead of sorting
 * every match.
 */
export function compileOrder(
  terms: OrderTerm[],
  target: FilterTarget,
  filter?: FilterNode,
): CompiledOrder {
  const guaranteed = presentValues(filter);
  const joins: RawBuilder<unknown>[] = [];
  const keys: RawBuilder<unknown>[] = [];
  terms.forEach((term, index) => {
    const direction = sql.raw(term.descending ? 'desc' : 'asc');
    if (term.entity === 'attribute') {
      const attribute = target.attributes[term.key];
      if (!attribute) throw invalidParameter(`cannot order by attribute ${term.key}`);
      const column = sql.ref(attribute.column);
      keys.push(sql`case when ${column} is null then 1 else 0 end`, sql`${column} ${direction}`);
      return;
    }
    const source = target.entities[term.entity];
    if (!source) throw invalidParameter(`cannot order by ${term.entity}s here`);
    const alias = `o${index}`;
    const on = sql`${sql.ref(`${alias}.${source.ownerColumn}`)} = ${sql.ref(target.owner)} and ${sql.ref(`${alias}.key`)} = ${term.key}`;
    if (guaranteed.has(`${term.entity}:${term.key}`)) {
      joins.push(sql`join ${sql.table(source.table)} as ${sql.raw(alias)} on ${on}`);
      keys.push(sql`${sql.ref(`${alias}.value`)} ${direction}`);
      return;
    }
    joins.push(
      sql`left join ${sql.table(source.table)} as ${sql.raw(alias)} on ${sql.ref(`${alias}.${source.ownerColumn}`)} = ${sql.ref(target.owner)} and ${sql.ref(`${alias}.key`)} = ${term.key}`,
    );
    const owner = sql.ref(`${alias}.${source.ownerColumn}`);
    const value = sql.ref(`${alias}.value`);
    if (term.entity === 'metric') {
      keys.push(
        sql`case when ${owner} is null then 2 when ${sql.ref(`${alias}.is_nan`)} = 1 then 1 else 0 end`,
      );
    } else {
      keys.push(sql`case when ${owner} is null then 1 else 0 end`);
    }
    keys.push(sql`${value} ${direction}`);
  });
  return { joins, keys };
}

/** `entity:key` pairs that every record matching the filter has, with a non-NaN value. */
function presentValues(filter: FilterNode | undefined): Set<string> {
  const present = new Set<string>();
  const visit = (node: FilterNode) => {
    if (node.kind === 'and') node.items.forEach(visit);
    // A value comparison or IN list only matches stored, non-NaN values (NaN is stored as NULL).
    else if ((node.kind === 'compare' || node.kind === 'in') && node.entity !== 'attribute') {
      present.add(`${node.entity}:${node.key}`);
    }
  };
  if (filter && filter.kind !== 'or') visit(filter);
  return present;
}
