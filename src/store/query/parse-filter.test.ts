import { describe, expect, it } from 'vitest';
import type { FilterNode } from './filter-ast.js';
import { experimentFilterSchema, runFilterSchema } from './filter-schema.js';
import { parseFilter } from './parse-filter.js';

const parse = (text: string): FilterNode | undefined => parseFilter(text, runFilterSchema);

const metric = (key: string, op: string, value: number) => ({
  kind: 'compare',
  entity: 'metric',
  key,
  op,
  value,
});
const param = (key: string, op: string, value: string) => ({
  kind: 'compare',
  entity: 'param',
  key,
  op,
  value,
});

describe('parseFilter structure', () => {
  it('returns undefined for an absent or blank filter', () => {
    expect(parse('')).toBeUndefined();
    expect(parse('   \t')).toBeUndefined();
    expect(parseFilter(undefined, runFilterSchema)).toBeUndefined();
  });

  it('binds AND tighter than OR', () => {
    expect(parse('metrics.a > 1 OR metrics.b > 2 AND metrics.c > 3')).toEqual({
      kind: 'or',
      items: [
        metric('a', '>', 1),
        { kind: 'and', items: [metric('b', '>', 2), metric('c', '>', 3)] },
      ],
    });
    expect(parse('metrics.a > 1 AND metrics.b > 2 OR metrics.c > 3')).toEqual({
      kind: 'or',
      items: [
        { kind: 'and', items: [metric('a', '>', 1), metric('b', '>', 2)] },
        metric('c', '>', 3),
      ],
    });
  });

  it('lets parentheses override precedence and flattens chains', () => {
    expect(parse('(metrics.a > 1 OR metrics.b > 2) AND metrics.c > 3')).toEqual({
      kind: 'and',
      items: [
        { kind: 'or', items: [metric('a', '>', 1), metric('b', '>', 2)] },
        metric('c', '>', 3),
      ],
    });
    expect(parse('metrics.a = 1 and metrics.b = 2 AND metrics.c = 3')).toEqual({
      kind: 'and',
      items: [metric('a', '=', 1), metric('b', '=', 2), metric('c', '=', 3)],
    });
    expect(parse('((metrics.a = 1))')).toEqual(metric('a', '=', 1));
  });
});

describe('parseFilter operators', () => {
  it.each([
    ['=', '='],
    ['==', '='],
    ['!=', '!='],
    ['<>', '!='],
    ['<', '<'],
    ['<=', '<='],
    ['>', '>'],
    ['>=', '>='],
  ])('reads the numeric operator %s', (written, op) => {
    expect(parse(`metrics.acc ${written} 0.5`)).toEqual(metric('acc', op, 0.5));
    expect(parse(`metrics.acc${written}0.5`)).toEqual(metric('acc', op, 0.5));
  });

  it('reads string operators case-insensitively', () => {
    expect(parse("params.opt LIKE 'ad%'")).toEqual(param('opt', 'LIKE', 'ad%'));
    expect(parse("params.opt ilike 'AD%'")).toEqual(param('opt', 'ILIKE', 'AD%'));
    expect(parse("params.opt = 'adam'")).toEqual(param('opt', '=', 'adam'));
    expect(parse("params.opt != 'adam'")).toEqual(param('opt', '!=', 'adam'));
  });

  it('reads IN and NOT IN lists', () => {
    expect(parse("tags.team IN ('a', 'b','c')")).toEqual({
      kind: 'in',
      entity: 'tag',
      key: 'team',
      negated: false,
      values: ['a', 'b', 'c'],
    });
    expect(parse("params.lr not in ('0.1')")).toEqual({
      kind: 'in',
      entity: 'param',
      key: 'lr',
      negated: true,
      values: ['0.1'],
    });
    expect(parse('attributes.start_time IN (1, 2)')).toEqual({
      kind: 'in',
      entity: 'attribute',
      key: 'start_time',
      negated: false,
      values: [1, 2],
    });
  });

  it('reads IS NULL and IS NOT NULL', () => {
    expect(parse('metrics.loss IS NULL')).toEqual({
      kind: 'null',
      entity: 'metric',
      key: 'loss',
      negated: false,
    });
    expect(parse('tags.note is not null')).toEqual({
      kind: 'null',
      entity: 'tag',
      key: 'note',
      negated: true,
    });
  });
});

describe('parseFilter names', () => {
  it('reads quoted keys with double quotes and backticks', () => {
    expect(parse('metrics."my metric" > 1')).toEqual(metric('my metric', '>', 1));
    expect(parse('metrics.`my metric` > 1')).toEqual(metric('my metric', '>', 1));
    expect(parse("tags.`a ``b`` c` = 'x'")).toMatchObject({ key: 'a `b` c' });
    expect(parse('params."é/ü" = \'x\'')).toMatchObject({ key: 'é/ü' });
  });

  it('reads bare keys with dots, slashes, dashes and colons', () => {
    expect(parse("tags.mlflow.runName = 'r'")).toMatchObject({
      entity: 'tag',
      key: 'mlflow.runName',
    });
    expect(parse('metrics.val/loss-2 < 1')).toEqual(metric('val/loss-2', '<', 1));
    expect(parse('metrics.gpu:0 < 1')).toEqual(metric('gpu:0', '<', 1));
  });

  it.each([
    ['metric', 'metric'],
    ['metrics', 'metric'],
    ['METRICS', 'metric'],
    ['param', 'param'],
    ['params', 'param'],
    ['parameters', 'param'],
    ['tag', 'tag'],
    ['tags', 'tag'],
  ])('maps the prefix %s to %s', (prefix, entity) => {
    const value = entity === 'metric' ? '1' : "'1'";
    expect(parse(`${prefix}.k = ${value}`)).toMatchObject({ entity, key: 'k' });
  });

  it.each(['attributes', 'attribute', 'attr', 'run', 'Attr'])(
    'maps the prefix %s to attributes',
    (prefix) => {
      expect(parse(`${prefix}.status = 'FINISHED'`)).toEqual({
        kind: 'compare',
        entity: 'attribute',
        key: 'status',
        op: '=',
        value: 'FINISHED',
      });
    },
  );

  it('reads attributes without a prefix and resolves aliases', () => {
    expect(parse("status = 'RUNNING'")).toMatchObject({ entity: 'attribute', key: 'status' });
    expect(parse("Run_Name LIKE 'x%'")).toMatchObject({ key: 'run_name', op: 'LIKE' });
    expect(parse('created > 1000')).toMatchObject({ key: 'start_time', value: 1000 });
    expect(parse("run.name = 'n'")).toMatchObject({ key: 'run_name', value: 'n' });
    expect(parse("attributes.run_uuid = 'abc'")).toMatchObject({ key: 'run_id' });
    expect(parse('end_time <= 5')).toMatchObject({ key: 'end_time', op: '<=' });
  });

  it('checks names against the schema being searched', () => {
    expect(parseFilter("name = 'e'", experimentFilterSchema)).toMatchObject({
      entity: 'attribute',
      key: 'name',
    });
    expect(parseFilter('creation_time > 5', experimentFilterSchema)).toMatchObject({
      key: 'creation_time',
      value: 5,
    });
    expect(() => parseFilter('metrics.a > 1', experimentFilterSchema)).toThrow(/unknown prefix/);
  });
});

describe('parseFilter values', () => {
  it.each([
    ["'it''s'", "it's"],
    ["'it\\'s'", "it's"],
    ["'back\\\\slash'", 'back\\slash'],
    ['"double"', 'double'],
    ['"say ""hi"""', 'say "hi"'],
    ['\'a "b" c\'', 'a "b" c'],
    ["''", ''],
    ["'  spaced  '", '  spaced  '],
  ])('reads the string %s', (written, value) => {
    expect(parse(`params.p = ${written}`)).toEqual(param('p', '=', value));
  });

  it.each([
    ['0', 0],
    ['42', 42],
    ['-3', -3],
    ['0.25', 0.25],
    ['.5', 0.5],
    ['-.5', -0.5],
    ['1.', 1],
    ['1e3', 1000],
    ['2.5E-2', 0.025],
    ['-1e+2', -100],
  ])('reads the number %s', (written, value) => {
    expect(parse(`metrics.m > ${written}`)).toEqual(metric('m', '>', value));
  });
});
