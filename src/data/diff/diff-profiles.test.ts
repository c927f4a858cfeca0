import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jensenShannonDistance } from '../../monitor/drift/index.js';
import { profileFile } from '../profile/index.js';
import { schemaFromTypes } from '../schema/index.js';
import { inferColumnTypes, readTable } from '../tabular/index.js';
import { diffProfiles, type DiffSide } from './index.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gyre-diff-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A deterministic stream of numbers in [0, 1): the same file on every run. */
function lcg(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

async function side(name: string, rows: string[]): Promise<DiffSide> {
  const path = join(dir, name);
  writeFileSync(path, rows.join('\n'));
  const schema = schemaFromTypes(inferColumnTypes(await readTable(path)));
  return { uri: name, schema, profile: await profileFile(path) };
}

function counts(rows: string[]): Map<string, number> {
  const byValue = new Map<string, number>();
  for (const value of rows.slice(1)) byValue.set(value, (byValue.get(value) ?? 0) + 1);
  return byValue;
}

describe('diffProfiles', () => {
  it('scores categories beyond the kept ones by pooling them, not as vanished values', async () => {
    const draw = (seed: number) => {
      const next = lcg(seed);
      return ['city', ...Array.from({ length: 60_000 }, () => `c${Math.floor(next() * 3000)}`)];
    };
    const a = draw(1);
    const b = draw(2);
    const diff = diffProfiles(await side('a.csv', a), await side('b.csv', b));
    const city = diff.columns.find((c) => c.column === 'city')!;
    // The distance over the full counts, of which the profiles keep 1,000 categories.
    const [ca, cb] = [counts(a), counts(b)];
    const values = [...new Set([...ca.keys(), ...cb.keys()])];
    const exact = jensenShannonDistance(
      values.map((v) => ca.get(v) ?? 0),
      values.map((v) => cb.get(v) ?? 0),
    );
    expect(exact).toBeLessThan(0.1);
    expect(city.drift).toMatchObject({ method: 'jensenshannon', drifted: false });
    expect(city.drift!.score!).toBeLessThan(exact);
  });

  it('flags a constant column that moved as drift without a score', async () => {
    const diff = diffProfiles(
      await side('a.csv', ['k', ...Array<string>(50).fill('1')]),
      await side('b.csv', ['k', ...Array<string>(50).fill('2')]),
    );
    expect(diff.columns[0]!.drift).toEqual({
      method: 'wasserstein_norm',
      score: null,
      threshold: 0.1,
      drifted: true,
    });
    expect(JSON.parse(JSON.stringify(diff))).toEqual(diff);
    const same = diffProfiles(
      await side('c.csv', ['k', '1', '1']),
      await side('d.csv', ['k', '1', '1']),
    );
    expect(same.columns[0]!.drift).toMatchObject({ score: 0, drifted: false });
  });
});
