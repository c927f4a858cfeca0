import { sql, type RawBuilder } from 'kysely';
import { invalidParameter } from '../../core/errors/index.js';
import type { CompareOp, Entity, FilterNode, FilterValue } from '../query/index.js';

/** How the names of a filter map onto tables and columns for one kind of record. */
export interface FilterTarget {
  dialect: 'sqlite' | 'postgres';
  /** Id column of the searched table, e.g. `runs.run_id`. */
  owner: string;
  /** Key/value tables per entity and the column in them that points at the owner. */
  entities: Partial<Record<Entity, { table: string; ownerColumn: string }>>;
  /** Column per canonical attribute; `integerId` columns take numeric-string values. */
  attributes: Record<string, { column: string; integerId?: boolean }>;
}

type Condition = RawBuilder<unknown>;

/** Compiles a filter AST into one parameterised SQL condition; no value is ever spliced into SQL text. */
export function compileFilter(node: FilterNode, target: FilterTarget): Condition {
  switch (node.kind) {
    case 'and':
    case 'or': {
      const parts = node.items.map((item) => compileFilter(item, target));
      return sql`(${sql.join(parts, sql.raw(node.kind === 'and' ? ' and ' : ' or '))})`;
    }
    case 'null': {
      const present = entityExists(target, node.entity, node.key, undefined);
      return node.negated ? present : sql`not ${present}`;
    }
    case 'in': {
      if (node.entity === 'attribute') {
        const { column, values } = attributeOperands(target, node.key, node.values, 'IN');
        return sql`${sql.ref(column)} ${sql.raw(node.negated ? 'not in' : 'in')} (${sql.join(values)})`;
      }
      const test = sql`e.value ${sql.raw(node.negated ? 'not in' : 'in')} (${sql.join(node.values)})`;
      return entityExists(target, node.entity, node.key, test);
    }
    case 'compare': {
      if (node.entity === 'attribute') {
        const { column, values } = attributeOperands(target, node.key, [node.value], node.op);
        return comparison(target.dialect, sql.ref(column), node.op, values[0]!);
      }
      return entityExists(
        target,
        node.entity,
        node.key,
        comparison(target.dialect, sql.ref('e.value'), node.op, node.value),
      );
    }
  }
}

function entityExists(
  target: FilterTarget,
  entity: Entity,
  key: string,
  test: Condition | undefined,
): Condition {
  const source = target.entities[entity];
  if (!source) throw invalidParameter(`${entity}s cannot be used in this filter`);
  const valueTest = test ? sql` and ${test}` : sql``;
  return sql`exists (select 1 from ${sql.table(source.table)} as e where ${sql.ref(`e.${source.ownerColumn}`)} = ${sql.ref(target.owner)} and e.key = ${key}${valueTest})`;
}

function attributeOperands(
  target: FilterTarget,
  name: string,
  values: FilterValue[],
  op: CompareOp | 'IN',
): { column: string; values: FilterValue[] } {
  const attribute = target.attributes[name];
  if (!attribute) throw invalidParameter(`attribute ${name} cannot be used in this filter`);
  if (!attribute.integerId) return { column: attribute.column, values };
  if (op === 'LIKE' || op === 'ILIKE')
    throw invalidParameter(`attribute ${name} is an id; compare it with = or IN`);
  const ids = values.map((value) => {
    if (!/^\d{1,15}$/.test(String(value)))
      throw invalidParameter(`attribute ${name} takes numeric ids such as '0', got '${value}'`);
    return Number(value);
  });
  return { column: attribute.column, values: ids };
}

function comparison(
  dialect: 'sqlite' | 'postgres',
  column: RawBuilder<unknown>,
  op: CompareOp,
  value: FilterValue,
): Condition {
  if (op === 'LIKE') {
    // SQLite's LIKE ignores ASCII case; GLOB is its case-sensitive match, as LIKE is in MLflow and PostgreSQL.
    return dialect === 'sqlite'
      ? sql`${column} glob ${likeToGlob(String(value))}`
      : sql`${column} like ${value}`;
  }
  if (op === 'ILIKE') {
    return dialect === 'sqlite'
      ? sql`lower(${column}) like lower(${value})`
      : sql`${column} ilike ${value}`;
  }
  return sql`${column} ${sql.raw(op === '!=' ? '<>' : op)} ${value}`;
}

/** LIKE pattern → GLOB pattern: `%` → `*`, `_` → `?`, and GLOB's own metacharacters made literal. */
export function likeToGlob(pattern: string): string {
  let glob = '';
  for (const ch of pattern) {
    if (ch === '%') glob += '*';
    else if (ch === '_') glob += '?';
    else if (ch === '*' || ch === '?' || ch === '[') glob += `[${ch}]`;
    else glob += ch;
  }
  return glob;
}
