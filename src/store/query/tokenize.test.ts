import { describe, expect, it } from 'vitest';
import { expectGyreError } from '../../testing/expect-gyre-error.js';
import { tokenize } from './tokenize.js';

describe('tokenize', () => {
  it('splits a filter into typed tokens with 0-based positions and an end token', () => {
    expect(tokenize("(metrics.acc>=0.9 AND tags.`a b` <> 'x''y'),-2e1", 'filter')).toEqual([
      { type: '(', pos: 0 },
      { type: 'ident', prefix: 'metrics', key: 'acc', pos: 1 },
      { type: 'op', value: '>=', pos: 12 },
      { type: 'number', value: 0.9, pos: 14 },
      { type: 'word', value: 'AND', pos: 18 },
      { type: 'ident', prefix: 'tags', key: 'a b', pos: 22 },
      { type: 'op', value: '!=', pos: 33 },
      { type: 'string', value: "x'y", pos: 36 },
      { type: ')', pos: 42 },
      { type: ',', pos: 43 },
      { type: 'number', value: -20, pos: 44 },
      { type: 'end', pos: 48 },
    ]);
  });

  it('normalises == to = and keeps single-character operators', () => {
    expect(tokenize('a == 1 < 2 > 3 = 4', 'filter').filter((t) => t.type === 'op')).toEqual([
      { type: 'op', value: '=', pos: 2 },
      { type: 'op', value: '<', pos: 7 },
      { type: 'op', value: '>', pos: 11 },
      { type: 'op', value: '=', pos: 15 },
    ]);
  });

  it('reads a word followed by a quoted key as one identifier', () => {
    expect(tokenize('params."lr (init)"', 'filter')[0]).toEqual({
      type: 'ident',
      prefix: 'params',
      key: 'lr (init)',
      pos: 0,
    });
  });

  it('names what it was tokenizing in errors, with a 1-based position', async () => {
    await expectGyreError(
      () => tokenize('metrics.acc DESC;', 'order_by'),
      'INVALID_PARAMETER_VALUE',
      /^invalid order_by "metrics\.acc DESC;" at position 17: unexpected character ';'$/,
    );
  });
});
