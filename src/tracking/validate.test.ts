import { describe, expect, it } from 'vitest';
import { expectGyreError } from '../testing/expect-gyre-error.js';
import { limits } from './limits.js';
import {
  describeType,
  validateInteger,
  validateKey,
  validateMetricValue,
  validateName,
  validateRunStatus,
  validateTags,
  validateText,
} from './validate.js';

describe('validateKey', () => {
  it.each([
    'a',
    'Ab-5_',
    'a/b/c',
    'a.b.c',
    '.a',
    'b.',
    'a..a/._./o_O/.e.',
    'a b/c d',
    ' leading and trailing ',
    'précision',
    'e\u0301te\u0301',
    '日本語/精度',
    'Straße',
    'αβγ',
    '٣٤',
    'x'.repeat(250),
  ])('accepts %j', (key) => {
    expect(validateKey('metric', key)).toBe(key);
  });

  it.each([
    ['a//b', /must not start with '\/' or contain empty, '\.' or '\.\.' path segments/],
    ['./a', /path segments/],
    ['a/./b', /path segments/],
    ['/a', /path segments/],
    ['a/', /path segments/],
    ['a/..', /path segments/],
    ['../a', /path segments/],
    ['.', /path segments/],
    ['..', /path segments/],
    ['/', /path segments/],
    ['//', /path segments/],
    ['a\\b', /may only contain letters, digits/],
    ['a+b', /may only contain/],
    ['acc(val)', /may only contain/],
    ['a\tb', /may only contain/],
    ['a\nb', /may only contain/],
    ['emoji😀', /may only contain/],
    ['a\0b', /may only contain/],
  ])('rejects %j', async (key, message) => {
    await expectGyreError(
      () => validateKey('param', key),
      'INVALID_PARAMETER_VALUE',
      new RegExp(`invalid param key '${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}'`),
    );
    await expectGyreError(() => validateKey('param', key), 'INVALID_PARAMETER_VALUE', message);
  });

  it('rejects keys over 250 characters', async () => {
    await expectGyreError(
      () => validateKey('tag', 'k'.repeat(251)),
      'INVALID_PARAMETER_VALUE',
      /tag key 'k{40}…' has 251 characters; the limit is 250/,
    );
  });

  it.each(['a\uD800', '\uDC00b', 'x\uDBFF\uDBFFy'])(
    'rejects the lone surrogate in %j',
    async (key) => {
      await expectGyreError(
        () => validateKey('metric', key),
        'INVALID_PARAMETER_VALUE',
        /metric key is not valid Unicode text/,
      );
    },
  );

  it.each(['', undefined, null, 5, ['a'], { key: 'a' }])('rejects %j as a key', async (key) => {
    await expectGyreError(
      () => validateKey('metric', key),
      'INVALID_PARAMETER_VALUE',
      /^metric key must be a non-empty string$/,
    );
  });
});

describe('validateText and validateName', () => {
  it('accepts text up to the limit, including empty text', () => {
    expect(validateText('v', '', 3)).toBe('');
    expect(validateText('v', 'a\nb', 3)).toBe('a\nb');
    expect(validateText('v', '😀', 2)).toBe('😀');
  });

  it('rejects non-strings, lone surrogates and text over the limit', async () => {
    await expectGyreError(
      () => validateText('param value', 5, 10),
      'INVALID_PARAMETER_VALUE',
      /^param value must be a string, got 5$/,
    );
    await expectGyreError(() => validateText('v', null, 10), 'INVALID_PARAMETER_VALUE', /got null/);
    await expectGyreError(
      () => validateText('v', 'a\uD800', 10),
      'INVALID_PARAMETER_VALUE',
      /not valid Unicode/,
    );
    await expectGyreError(
      () => validateText('v', 'abcd', 3),
      'INVALID_PARAMETER_VALUE',
      /4 characters; the limit is 3/,
    );
  });

  it('rejects blank names', async () => {
    expect(validateName('run name', ' r ', 10)).toBe(' r ');
    await expectGyreError(
      () => validateName('run name', '  ', 10),
      'INVALID_PARAMETER_VALUE',
      /run name must not be empty/,
    );
  });
});

describe('validateMetricValue and validateInteger', () => {
  it.each([0, -1.5, 1e308, Number.NaN, Infinity, -Infinity])(
    'accepts the metric value %d',
    (value) => {
      expect(validateMetricValue('m', value)).toBe(value);
    },
  );

  it.each(['1.5', null, undefined, true, [1]])('rejects the metric value %j', async (value) => {
    await expectGyreError(
      () => validateMetricValue('m', value),
      'INVALID_PARAMETER_VALUE',
      /metric 'm' must have a numeric value/,
    );
  });

  it('accepts safe integers and enforces the minimum', async () => {
    expect(validateInteger('step', -5)).toBe(-5);
    expect(validateInteger('step', Number.MAX_SAFE_INTEGER)).toBe(Number.MAX_SAFE_INTEGER);
    expect(validateInteger('ts', 0, { min: 0 })).toBe(0);
    await expectGyreError(
      () => validateInteger('ts', -1, { min: 0 }),
      'INVALID_PARAMETER_VALUE',
      /ts must be ≥ 0, got -1/,
    );
    for (const bad of [1.5, Number.NaN, Infinity, 2 ** 53, '3', null]) {
      await expectGyreError(
        () => validateInteger('step', bad),
        'INVALID_PARAMETER_VALUE',
        /step must be an integer/,
      );
    }
  });
});

describe('validateRunStatus and validateTags', () => {
  it('accepts the run statuses and nothing else', async () => {
    for (const status of ['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED']) {
      expect(validateRunStatus(status)).toBe(status);
    }
    for (const bad of ['running', 'DONE', '', 1, null]) {
      await expectGyreError(
        () => validateRunStatus(bad),
        'INVALID_PARAMETER_VALUE',
        /run status must be one of RUNNING, /,
      );
    }
  });

  it('validates each tag key and value', async () => {
    expect(validateTags('tags', undefined)).toEqual({});
    expect(validateTags('tags', { 'mlflow.note': 'x', team: '' })).toEqual({
      'mlflow.note': 'x',
      team: '',
    });
    await expectGyreError(
      () => validateTags('tags', ['a']),
      'INVALID_PARAMETER_VALUE',
      /tags must be an object/,
    );
    await expectGyreError(
      () => validateTags('tags', null),
      'INVALID_PARAMETER_VALUE',
      /tags must be an object/,
    );
    await expectGyreError(
      () => validateTags('tags', { 'a//b': 'x' }),
      'INVALID_PARAMETER_VALUE',
      /invalid tag key 'a\/\/b'/,
    );
    await expectGyreError(
      () => validateTags('tags', { ok: 1 }),
      'INVALID_PARAMETER_VALUE',
      /tag 'ok' value must be a string/,
    );
    await expectGyreError(
      () => validateTags('tags', { ok: 'v'.repeat(limits.tagValueLength + 1) }),
      'INVALID_PARAMETER_VALUE',
      /8001 characters; the limit is 8000/,
    );
  });

  it('describes values for messages', () => {
    expect(describeType(null)).toBe('null');
    expect(describeType([])).toBe('an array');
    expect(describeType('x'.repeat(50))).toBe(`the string "${'x'.repeat(40)}…"`);
    expect(describeType(2.5)).toBe('2.5');
  });
});
