import { invalidParameter } from '../../core/errors/index.js';
import type { CompareOp, Entity, FilterNode, FilterValue, OrderTerm } from './filter-ast.js';
import type { FilterSchema } from './filter-schema.js';
import { tokenize, type Token } from './tokenize.js';

const numericOps: CompareOp[] = ['=', '!=', '<', '<=', '>', '>='];
const stringOps: CompareOp[] = ['=', '!=', 'LIKE', 'ILIKE'];

/**
 * Parses a filter into a typed AST, checking every name, operator and value against the schema.
 * Grammar: `or := and (OR and)*`, `and := primary (AND primary)*`, `primary := '(' or ')' | comparison`.
 * Returns undefined for an empty filter.
 */
export function parseFilter(
  text: string | undefined,
  schema: FilterSchema,
): FilterNode | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  return new FilterParser(text, schema).parse();
}

/** Parses `order_by` terms such as `metrics.acc DESC` or `start_time`. */
export function parseOrderBy(
  terms: readonly string[] | undefined,
  schema: FilterSchema,
): OrderTerm[] {
  return (terms ?? [])
    .filter((term) => term.trim() !== '')
    .map((term) => new FilterParser(term, schema, 'order_by').parseOrderTerm());
}

class FilterParser {
  private readonly tokens: Token[];
  private index = 0;

  constructor(
    private readonly text: string,
    private readonly schema: FilterSchema,
    private readonly what = 'filter',
  ) {
    this.tokens = tokenize(text, what);
  }

  parse(): FilterNode {
    const node = this.parseOr();
    this.expectEnd('AND, OR or the end of the filter');
    return node;
  }

  parseOrderTerm(): OrderTerm {
    const { entity, key } = this.parseIdentifier();
    let descending = false;
    const next = this.peek();
    if (next.type === 'word' && /^(asc|desc)$/i.test(next.value)) {
      descending = next.value.toLowerCase() === 'desc';
      this.index += 1;
    }
    this.expectEnd('ASC, DESC or the end of the order_by term');
    return { entity, key, descending };
  }

  private parseOr(): FilterNode {
    const items = [this.parseAnd()];
    while (this.acceptWord('OR')) items.push(this.parseAnd());
    return items.length === 1 ? items[0]! : { kind: 'or', items };
  }

  private parseAnd(): FilterNode {
    const items = [this.parsePrimary()];
    while (this.acceptWord('AND')) items.push(this.parsePrimary());
    return items.length === 1 ? items[0]! : { kind: 'and', items };
  }

  private parsePrimary(): FilterNode {
    if (this.peek().type === '(') {
      this.index += 1;
      const inner = this.parseOr();
      if (this.peek().type !== ')') throw this.error(this.peek(), "')' to close the parenthesis");
      this.index += 1;
      return inner;
    }
    return this.parseComparison();
  }

  private parseComparison(): FilterNode {
    const { entity, key, label, type } = this.parseIdentifier();
    const token = this.peek();
    if (this.acceptWord('IS')) {
      if (entity === 'attribute')
        throw this.fail(token, `IS NULL applies to metrics, params and tags, not to ${label}`);
      const negated = this.acceptWord('NOT');
      if (!this.acceptWord('NULL')) throw this.error(this.peek(), 'NULL');
      return { kind: 'null', entity, key, negated };
    }
    if (this.acceptWord('NOT')) {
      if (!this.acceptWord('IN')) throw this.error(this.peek(), 'IN after NOT');
      return { kind: 'in', entity, key, negated: true, values: this.parseList(label, type) };
    }
    if (this.acceptWord('IN'))
      return { kind: 'in', entity, key, negated: false, values: this.parseList(label, type) };

    let op: CompareOp;
    if (token.type === 'op') op = token.value as CompareOp;
    else if (token.type === 'word' && /^i?like$/i.test(token.value))
      op = token.value.toUpperCase() as CompareOp;
    else
      throw this.error(
        token,
        'an operator (=, !=, <, <=, >, >=, LIKE, ILIKE, IN, NOT IN, IS NULL)',
      );
    this.index += 1;

    const allowed = type === 'number' ? numericOps : stringOps;
    if (!allowed.includes(op)) {
      throw this.fail(token, `${label} does not support '${op}'; use one of ${allowed.join(', ')}`);
    }
    return { kind: 'compare', entity, key, op, value: this.parseValue(label, type) };
  }

  private parseList(label: string, type: 'string' | 'number'): FilterValue[] {
    if (type === 'number' && !label.startsWith('attribute')) {
      throw this.fail(this.peek(), `${label} does not support IN; compare it with =, <, > …`);
    }
    if (this.peek().type !== '(') throw this.error(this.peek(), "'(' to start the IN list");
    this.index += 1;
    const values = [this.parseValue(label, type)];
    while (this.peek().type === ',') {
      this.index += 1;
      values.push(this.parseValue(label, type));
    }
    if (this.peek().type !== ')') throw this.error(this.peek(), "',' or ')' in the IN list");
    this.index += 1;
    return values;
  }

  private parseValue(label: string, type: 'string' | 'number'): FilterValue {
    const token = this.peek();
    if (token.type === 'number' && type === 'number') {
      this.index += 1;
      return token.value;
    }
    if (token.type === 'string' && type === 'string') {
      this.index += 1;
      return token.value;
    }
    if (token.type === 'string' || token.type === 'number') {
      const hint = type === 'string' ? "a quoted string such as 'adam'" : 'a number such as 0.9';
      throw this.fail(token, `${label} compares ${type}s; expected ${hint}`);
    }
    throw this.error(token, type === 'string' ? 'a quoted string' : 'a number');
  }

  private parseIdentifier(): {
    entity: Entity;
    key: string;
    label: string;
    type: 'string' | 'number';
  } {
    const token = this.peek();
    if (token.type === 'ident') {
      const entity = this.schema.prefixes[token.prefix.toLowerCase()];
      if (!entity) {
        const known = [...new Set(Object.keys(this.schema.prefixes))].join('., ');
        throw this.fail(
          token,
          `unknown prefix '${token.prefix}.'; ${this.schema.subject} can be filtered by ${known}.`,
        );
      }
      this.index += 1;
      if (entity === 'attribute') return this.attribute(token.key, token);
      if (token.key === '') throw this.fail(token, 'empty key');
      return {
        entity,
        key: token.key,
        label: `${token.prefix}.${token.key}`,
        type: entity === 'metric' ? 'number' : 'string',
      };
    }
    if (token.type === 'word' && !isKeyword(token.value)) {
      this.index += 1;
      return this.attribute(token.value, token);
    }
    throw this.error(
      token,
      'a name such as metrics.acc, params.lr, tags.team or attributes.status',
    );
  }

  private attribute(
    name: string,
    token: Token,
  ): { entity: Entity; key: string; label: string; type: 'string' | 'number' } {
    const canonical = this.schema.attributeAliases[name.toLowerCase()] ?? name.toLowerCase();
    const spec = this.schema.attributes[canonical];
    if (!spec) {
      const known = Object.keys(this.schema.attributes).join(', ');
      throw this.fail(token, `unknown attribute '${name}'; ${this.schema.subject} have ${known}`);
    }
    return {
      entity: 'attribute',
      key: canonical,
      label: `attribute ${canonical}`,
      type: spec.type,
    };
  }

  private peek(): Token {
    return this.tokens[this.index] ?? this.tokens.at(-1)!;
  }

  private acceptWord(word: string): boolean {
    const token = this.peek();
    if (token.type === 'word' && token.value.toUpperCase() === word) {
      this.index += 1;
      return true;
    }
    return false;
  }

  private expectEnd(expected: string): void {
    if (this.peek().type !== 'end') throw this.error(this.peek(), expected);
  }

  private error(token: Token, expected: string) {
    return this.fail(token, `expected ${expected}, found ${describe(token)}`);
  }

  private fail(token: Token, message: string) {
    return invalidParameter(
      `invalid ${this.what} ${JSON.stringify(this.text)} at position ${token.pos + 1}: ${message}`,
      {
        position: token.pos + 1,
      },
    );
  }
}

const keywords = new Set(['AND', 'OR', 'IN', 'NOT', 'IS', 'NULL', 'LIKE', 'ILIKE', 'ASC', 'DESC']);

function isKeyword(word: string): boolean {
  return keywords.has(word.toUpperCase());
}

function describe(token: Token): string {
  switch (token.type) {
    case 'end':
      return 'the end of the text';
    case 'ident':
      return `'${token.prefix}.${token.key}'`;
    case 'string':
      return `the string '${token.value}'`;
    case 'number':
    case 'word':
    case 'op':
      return `'${token.value}'`;
    default:
      return `'${token.type}'`;
  }
}

/** A value as a filter string literal: `'` and `\\` escaped, so any text compares as itself. */
export function quoteFilterString(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}
