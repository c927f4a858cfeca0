import { describe, expect, it } from 'vitest';
import { cellKind } from '../tabular/index.js';
import { extractNumbers } from './cell-values.js';
import { NOT_PLAIN, PLAIN_INTEGER, scanDecimal, scannedValue } from './decimal-text.js';
import { seededUniform } from './testing/memory-chunks.js';

/** Text of digits, signs, points, exponents and spaces, often almost a number. */
function numberishTexts(count: number): string[] {
  const uniform = seededUniform(99);
  const pieces = '0123456789....--++eeE  x';
  const texts = [
    '0',
    '-0',
    '1.',
    '.5',
    '+.5',
    '.',
    '',
    'e5',
    '1e',
    '1e+',
    '1e5',
    ' 7',
    '7 ',
    '007',
    '9007199254740991',
    '9007199254740993',
    '123456789012345678',
    '1.7976931348623157e308',
    '1e400',
    '4.9e-324',
    '0.1',
    '0.30000000000000004',
    '123.456e-7',
    '-000.000',
    '1'.repeat(400),
  ];
  for (let i = 0; i < count; i++) {
    let text = '';
    const length = 1 + Math.floor(uniform() * 12);
    for (let j = 0; j < length; j++) {
      text +=
        uniform() < 0.75
          ? String(Math.floor(uniform() * 10))
          : pieces[Math.floor(uniform() * pieces.length)];
    }
    texts.push(
      text,
      (uniform() * 10 ** (Math.floor(uniform() * 40) - 20)).toPrecision(
        1 + Math.floor(uniform() * 17),
      ),
    );
  }
  return texts;
}

describe('scanDecimal', () => {
  const texts = numberishTexts(50_000);

  it('reads plain decimals bit for bit as Number() does', () => {
    let plain = 0;
    for (const text of texts) {
      if (scanDecimal(text) === NOT_PLAIN) continue;
      plain++;
      expect(Object.is(scannedValue[0], Number(text)), text).toBe(true);
    }
    expect(plain).toBeGreaterThan(50_000);
  });

  it('accepts only what cellKind calls a number (spaces and inf go the long way)', () => {
    for (const text of texts) {
      const syntax = scanDecimal(text);
      const kind = cellKind(text);
      if (syntax === NOT_PLAIN) {
        if (!/\s/.test(text)) expect(kind === 'integer' || kind === 'float', text).toBe(false);
      } else if (Number.isFinite(scannedValue[0])) {
        const integer = syntax === PLAIN_INTEGER && Number.isSafeInteger(scannedValue[0]);
        expect(kind, text).toBe(integer ? 'integer' : 'float');
      } else expect(kind, text).toBe(syntax === PLAIN_INTEGER ? 'float' : 'string');
    }
  });
});

describe('extractNumbers', () => {
  it('types text like cellKind and reads it like parseNumber', () => {
    const cells = [
      '12',
      ' 7 ',
      '-3.5',
      '1e3',
      'inf',
      '-Infinity',
      null,
      Number.NaN,
      4,
      '1'.repeat(400),
    ];
    const out = new Float64Array(cells.length);
    const found = extractNumbers(cells, 0, out, 'stop');
    expect(found).toMatchObject({ length: 5, missing: 2, infinite: 3, floats: true, mismatch: -1 });
    expect([...out.subarray(0, found.length)]).toEqual([12, 7, -3.5, 1000, 4]);
  });

  it('stops at text when inferring, counts it as invalid when the type is pinned', () => {
    const cells = ['1', '2', 'n/a', '3', '1e400'];
    const out = new Float64Array(cells.length);
    expect(extractNumbers(cells, 0, out, 'stop').mismatch).toBe(2);
    expect(extractNumbers(cells, 0, out, 'count')).toMatchObject({ length: 3, invalid: 2 });
    expect(extractNumbers(['1', '2.5', 3.5, '4'], 0, out, 'count', true)).toMatchObject({
      length: 2,
      invalid: 2,
    });
  });
});
