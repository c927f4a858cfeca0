import { describe, expect, it } from 'vitest';
import { expectGyreError } from '../../testing/expect-gyre-error.js';
import { formatDatasetRef, parseDatasetRef } from './dataset-ref.js';
import { validateDatasetAlias, validateDatasetName } from './dataset-names.js';

describe('dataset references', () => {
  it.each([
    ['datasets:/flights/3', { kind: 'version', name: 'flights', version: 3 }],
    ['datasets:/flights/latest', { kind: 'latest', name: 'flights' }],
    ['datasets:/flights@reference', { kind: 'alias', name: 'flights', alias: 'reference' }],
    ['datasets:/flights.v2@3', { kind: 'version', name: 'flights.v2', version: 3 }],
    ['flights', { kind: 'latest', name: 'flights' }],
    ['flights@3', { kind: 'version', name: 'flights', version: 3 }],
    ['flights@latest', { kind: 'latest', name: 'flights' }],
    ['flights@champion-2', { kind: 'alias', name: 'flights', alias: 'champion-2' }],
  ])('reads %s', (text, expected) => {
    expect(parseDatasetRef(text)).toEqual(expected);
  });

  it('writes the canonical URI of each form', () => {
    expect(formatDatasetRef(parseDatasetRef('flights@3'))).toBe('datasets:/flights/3');
    expect(formatDatasetRef(parseDatasetRef('flights'))).toBe('datasets:/flights/latest');
    expect(formatDatasetRef(parseDatasetRef('flights@ref'))).toBe('datasets:/flights@ref');
  });

  it('refuses what names no version, saying how to write one', async () => {
    await expectGyreError(
      () => parseDatasetRef('datasets:/flights'),
      'INVALID_PARAMETER_VALUE',
      /expected datasets:\/NAME\/VERSION/,
    );
    await expectGyreError(
      () => parseDatasetRef('datasets:/flights/ref'),
      'INVALID_PARAMETER_VALUE',
      /aliases are written datasets:\/flights@ref/,
    );
    await expectGyreError(
      () => parseDatasetRef('flights@a b'),
      'INVALID_PARAMETER_VALUE',
      /no valid alias/,
    );
    await expectGyreError(
      () => parseDatasetRef('s3://bucket/x'),
      'INVALID_PARAMETER_VALUE',
      /not a dataset reference/,
    );
    await expectGyreError(() => parseDatasetRef(''), 'INVALID_PARAMETER_VALUE', /non-empty/);
    await expectGyreError(
      () => parseDatasetRef('x@99999999999999999999'),
      'INVALID_PARAMETER_VALUE',
      /numbered from 1/,
    );
    await expectGyreError(
      () => parseDatasetRef('datasets:/x/0'),
      'INVALID_PARAMETER_VALUE',
      /numbered from 1/,
    );
  });

  it('checks names and aliases', async () => {
    expect(validateDatasetName('flights 2001')).toBe('flights 2001');
    await expectGyreError(
      () => validateDatasetName('a@b'),
      'INVALID_PARAMETER_VALUE',
      /may not contain/,
    );
    await expectGyreError(
      () => validateDatasetName('x'.repeat(251)),
      'INVALID_PARAMETER_VALUE',
      /limit is 250/,
    );
    expect(validateDatasetAlias('reference')).toBe('reference');
    await expectGyreError(
      () => validateDatasetAlias('latest'),
      'INVALID_PARAMETER_VALUE',
      /reserved/,
    );
    await expectGyreError(
      () => validateDatasetAlias('12'),
      'INVALID_PARAMETER_VALUE',
      /version 12/,
    );
    await expectGyreError(
      () => validateDatasetAlias('a.b'),
      'INVALID_PARAMETER_VALUE',
      /letters, digits/,
    );
  });
});
