import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jensenShannonDistance } from './jensen-shannon.js';
import { wassersteinDistance } from './wasserstein.js';

interface Fixture {
  wasserstein: { u: number[]; v: number[]; expected: number }[];
  jensenshannon: { p: number[]; q: number[]; expected: number }[];
}

const fixture = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/drift.json', import.meta.url), 'utf8'),
) as Fixture;

describe('wassersteinDistance (scipy.stats.wasserstein_distance)', () => {
  it.each(fixture.wasserstein.map((c, i) => [i, c] as const))('case %i', (_i, c) => {
    expect(wassersteinDistance(c.u, c.v)).toBeCloseTo(c.expected, 9);
    expect(wassersteinDistance(c.v, c.u)).toBeCloseTo(c.expected, 9);
  });

  it('refuses an empty side', () => {
    expect(() => wassersteinDistance([], [1])).toThrow(/at least one value/);
  });
});

describe('jensenShannonDistance (scipy.spatial.distance.jensenshannon, base 2)', () => {
  it.each(fixture.jensenshannon.map((c, i) => [i, c] as const))('case %i', (_i, c) => {
    expect(jensenShannonDistance(c.p, c.q)).toBeCloseTo(c.expected, 9);
  });

  it('refuses unequal lengths, negative counts and empty distributions', () => {
    expect(() => jensenShannonDistance([1], [1, 2])).toThrow(/equal lengths/);
    expect(() => jensenShannonDistance([1, -1], [1, 2])).toThrow(/non-negative/);
    expect(() => jensenShannonDistance([0, 0], [1, 2])).toThrow(/positive total/);
  });
});
