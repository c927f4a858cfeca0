import { describe, expect, it } from 'vitest';
import { isGyreError } from '../../core/errors/index.js';
import { expectGyreError } from '../../testing/expect-gyre-error.js';
import { runFilterSchema } from './filter-schema.js';
import { parseFilter, parseOrderBy } from './parse-filter.js';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The filter must fail at `position` (1-based) with a message matching `says`. */
async function expectFilterError(filter: string, position: number, says: RegExp): Promise<void> {
  await expectGyreError(
    () => parseFilter(filter, runFilterSchema),
    'INVALID_PARAMETER_VALUE',
    new RegExp(`at position ${position}: `),
  );
  let thrown: unknown;
  try {
    parseFilter(filter, runFilterSchema);
  } catch (error) {
    thrown = error;
  }
  if (!isGyreError(thrown)) throw new Error('expected a GyreError');
  expect(thrown.message).toMatch(says);
  expect(thrown.message).toContain(JSON.stringify(filter));
  expect(thrown.details).toEqual({ position });
}

describe('parseFilter errors', () => {
  it.each([
    // [filter, 1-based position, what the message says]
    ['metrics.acc >> 1', 14, /expected a number, found '>'/],
    ["metrics.acc > 'x'", 15, /metrics\.acc compares numbers; expected a number/],
    ["params.lr > '1'", 11, /params\.lr does not support '>'; use one of =, !=, LIKE, ILIKE/],
    ['params.lr = 0.1', 13, /params\.lr compares strings; expected a quoted string/],
    ['foo.bar = 1', 1, /unknown prefix 'foo\.'; runs can be filtered by metrics\., .*tags\./],
    ["bogus = 'x'", 1, /unknown attribute 'bogus'; runs have run_id, .*end_time/],
    ["  attributes.bogus = 'x'", 3, /unknown attribute 'bogus'/],
    ["tags.a = 'abc", 10, /unterminated quoted text starting with '/],
    ['tags.a = "abc', 10, /unterminated quoted text starting with "/],
    ["tags.a = 'abc\\'", 10, /unterminated/],
    ['metrics.`abc = 1', 9, /unterminated quoted text starting with `/],
    ['(metrics.a > 1', 15, /expected '\)' to close the parenthesis, found the end of the text/],
    ['((metrics.a > 1) OR metrics.b > 2', 34, /expected '\)'/],
    ['metrics.a > 1 foo', 15, /expected AND, OR or the end of the filter, found 'foo'/],
    ['metrics.a > 1)', 14, /expected AND, OR or the end of the filter, found '\)'/],
    ["metrics.a > 1 'x'", 15, /expected AND, OR .*found the string 'x'/],
    [
      'metrics.a',
      10,
      /expected an operator \(=, !=, <, <=, >, >=, LIKE, ILIKE, IN, NOT IN, IS NULL\)/,
    ],
    ['metrics.a 1', 11, /expected an operator .*found '1'/],
    ['metrics. = 1', 9, /expected a key after 'metrics\.'/],
    ['tags."" = \'x\'', 1, /empty key/],
    ['metrics.a IN (1)', 14, /metrics\.a does not support IN/],
    ['status IS NULL', 8, /IS NULL applies to metrics, params and tags, not to attribute status/],
    ["params.a NOT LIKE 'x'", 14, /expected IN after NOT, found 'LIKE'/],
    ["params.a IN 'x'", 13, /expected '\(' to start the IN list, found the string 'x'/],
    ["params.a IN ('x' 'y')", 18, /expected ',' or '\)' in the IN list/],
    ['params.a IN ()', 14, /expected a quoted string, found '\)'/],
    ["params.a IS 'x'", 13, /expected NULL, found the string 'x'/],
    ['metrics.a ! 1', 11, /expected '!=' but found '!'/],
    ['metrics.a = 1 AND', 18, /expected a name such as metrics\.acc.*found the end of the text/],
    ['AND metrics.a = 1', 1, /expected a name .*found 'AND'/],
    ['metrics.a = 1 and ()', 20, /expected a name .*found '\)'/],
    ['metrics.a = 1 # x', 15, /unexpected character '#'/],
    ['`x` = 1', 1, /unexpected character '`'/],
    ['metrics.a = -', 13, /unexpected character '-'/],
    ["start_time > 'a'", 14, /attribute start_time compares numbers/],
    ["status > 'a'", 8, /attribute status does not support '>'/],
  ])('%s fails at position %d', async (filter, position, says) => {
    await expectFilterError(filter, position, says);
  });

  it('counts positions in the original text, including leading whitespace and newlines', async () => {
    await expectFilterError(
      '\n  metrics.a > 1 AND\n  tags.x >> 1',
      31,
      /tags\.x does not support '>'/,
    );
  });

  it('reports the first error when a filter has several', async () => {
    await expectFilterError("foo.a = 1 AND bar.b = 'x'", 1, /unknown prefix 'foo\.'/);
  });
});

describe('parseOrderBy', () => {
  it('reads terms with optional direction and skips blank ones', () => {
    expect(
      parseOrderBy(
        ['metrics.acc DESC', 'params.lr asc', 'start_time', '  ', 'tags.`my tag` desc', 'created'],
        runFilterSchema,
      ),
    ).toEqual([
      { entity: 'metric', key: 'acc', descending: true },
      { entity: 'param', key: 'lr', descending: false },
      { entity: 'attribute', key: 'start_time', descending: false },
      { entity: 'tag', key: 'my tag', descending: true },
      { entity: 'attribute', key: 'start_time', descending: false },
    ]);
    expect(parseOrderBy(undefined, runFilterSchema)).toEqual([]);
  });

  it.each([
    ['metrics.acc DOWN', 13, /expected ASC, DESC or the end of the order_by term, found 'DOWN'/],
    ['metrics.acc DESC x', 18, /expected ASC, DESC or the end/],
    ['foo.acc', 1, /unknown prefix 'foo\.'/],
    ['bogus DESC', 1, /unknown attribute 'bogus'/],
    ['DESC', 1, /expected a name/],
  ])('rejects %j at position %d', async (term, position, says) => {
    await expectGyreError(
      () => parseOrderBy(['start_time', term], runFilterSchema),
      'INVALID_PARAMETER_VALUE',
      new RegExp(`^invalid order_by ${escape(JSON.stringify(term))} at position ${position}: `),
    );
    await expectGyreError(
      () => parseOrderBy([term], runFilterSchema),
      'INVALID_PARAMETER_VALUE',
      says,
    );
  });
});
