import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatasetDiff } from '../data/diff/index.js';
import type { DatasetProfile } from '../data/profile/index.js';
import { expectGyreError } from '../testing/expect-gyre-error.js';
import { referenceFeatures, vegaFile } from '../testing/vega-data.js';
import { openClientHarness, type ClientHarness, type ClientMode } from './client.case.js';

const weatherCsv = () => readFileSync(vegaFile('seattle-weather.csv'), 'utf8');
const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/** Datasets through the SDK: the same expectations on the local store and through the REST API. */
export function describeDatasetCases(mode: ClientMode): void {
  describe(`datasets (${mode})`, () => {
    let h: ClientHarness;
    let dir: string;
    const file = (name: string, content: string | Buffer) => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    };
    const lines = () => weatherCsv().trimEnd().split('\n');
    beforeEach(async () => {
      h = await openClientHarness(mode);
      dir = mkdtempSync(join(tmpdir(), 'gyre-datasets-'));
    });
    afterEach(async () => {
      await h.dispose();
      rmSync(dir, { recursive: true, force: true });
    });

    it('adds a file as a version with digest, schema and profile, and resolves every URI form', async () => {
      const path = vegaFile('seattle-weather.csv');
      const added = await h.client.datasets.add({
        file: path,
        name: 'weather',
        description: 'Seattle 2012-2015',
        tags: { source: 'vega' },
      });
      expect(added.created).toBe(true);
      expect(added.sameContent).toEqual([]);
      expect(added.version).toMatchObject({
        name: 'weather',
        version: 1,
        uri: 'datasets:/weather/1',
        digest: sha256(readFileSync(path)),
        size: readFileSync(path).length,
        rowCount: 1461,
        format: 'csv',
        source: 'seattle-weather.csv',
        description: 'Seattle 2012-2015',
        tags: { source: 'vega' },
        spec: null,
      });
      expect(added.version.schema).toEqual({
        columns: [
          { name: 'date', type: 'datetime', nullable: false },
          { name: 'precipitation', type: 'float', nullable: false },
          { name: 'temp_max', type: 'float', nullable: false },
          { name: 'temp_min', type: 'float', nullable: false },
          { name: 'wind', type: 'float', nullable: false },
          { name: 'weather', type: 'string', nullable: false },
        ],
      });
      const { profile } = await h.client.datasets.profile('weather@1');
      const p = profile as DatasetProfile;
      expect(p.row_count).toBe(1461);
      const schema = added.version.schema as { columns: { name: string; type: string }[] };
      expect(p.columns.map((c) => [c.name, c.type])).toEqual(
        schema.columns.map((c) => [c.name, c.type]),
      );
      expect(p.columns.find((c) => c.name === 'weather')).toMatchObject({
        categorical: {
          cardinality: 5,
          top_k: [
            { value: 'rain', count: 641 },
            expect.anything(),
            expect.anything(),
            expect.anything(),
            expect.anything(),
          ],
        },
      });
      for (const ref of ['datasets:/weather/1', 'datasets:/weather/latest', 'weather@1', 'weather'])
        expect((await h.client.datasets.get(ref)).uri).toBe('datasets:/weather/1');
      await expectGyreError(
        h.client.datasets.get('weather@2'),
        'RESOURCE_DOES_NOT_EXIST',
        /nothing named datasets:\/weather\/2/,
      );
      await expectGyreError(
        h.client.datasets.get('nope'),
        'RESOURCE_DOES_NOT_EXIST',
        /no dataset named 'nope'/,
      );
      await expectGyreError(
        h.client.datasets.get('datasets:/weather/first'),
        'INVALID_PARAMETER_VALUE',
        /neither a version number nor 'latest'/,
      );
    });

    it('stores identical bytes once: nothing new under the same name, a shared blob under another', async () => {
      const path = vegaFile('seattle-weather.csv');
      const first = await h.client.datasets.add({ file: path, name: 'weather' });
      const again = await h.client.datasets.add({ file: path, name: 'weather' });
      expect(again.created).toBe(false);
      expect(again.version).toEqual(first.version);
      const other = await h.client.datasets.add({ file: path, name: 'weather-copy' });
      expect(other.created).toBe(true);
      expect(other.sameContent).toEqual([{ name: 'weather', version: 1 }]);
      expect(other.version.digest).toBe(first.version.digest);
      const pinned = await h.client.datasets.add({
        file: path,
        name: 'weather',
        spec: { columns: { wind: { min: 0 } } },
      });
      expect(pinned.created).toBe(true);
      expect(pinned.version.version).toBe(2);
      expect(pinned.version.spec).toEqual({ columns: { wind: { min: 0 } } });
      const listed = await h.client.datasets.list();
      expect(listed.items.map((d) => [d.name, d.latestVersion, d.versionCount])).toEqual([
        ['weather', 2, 2],
        ['weather-copy', 1, 1],
      ]);
      const page = await h.client.datasets.versions('weather', { maxResults: 1 });
      expect(page.items.map((v) => v.version)).toEqual([2]);
      const rest = await h.client.datasets.versions('weather', {
        maxResults: 1,
        pageToken: page.nextPageToken,
      });
      expect(rest.items.map((v) => v.version)).toEqual([1]);
      expect(rest.nextPageToken).toBeUndefined();
    });

    it('refuses bad files with the row and column, leaving no version behind', async () => {
      const header = 'date,precipitation,temp_max,temp_min,wind,weather';
      const cases: [string, string | Buffer, RegExp, string][] = [
        [
          'ragged.csv',
          `${header}\n2012-01-01,0,12.8,5,4.7,drizzle\n2012-01-02,10.9,10.6\n`,
          /ragged\.csv.*line 3/,
          'ragged_row',
        ],
        [
          'latin1.csv',
          Buffer.concat([
            Buffer.from(`${header}\n2012-01-01,0,12.8,5,4.7,`),
            Buffer.from([0xe9, 0x0a]),
          ]),
          /latin1\.csv/,
          'invalid_utf8',
        ],
        ['empty.csv', '', /empty\.csv: is empty/, 'empty_file'],
        [
          'broken.parquet',
          Buffer.concat([Buffer.from('PAR1'), Buffer.alloc(64, 7), Buffer.from('PAR1')]),
          /broken\.parquet/,
          'unreadable_parquet',
        ],
        [
          'mixed.csv',
          [header, ...lines().slice(1, 30), '2013-01-01,dry,1,1,1,sun'].join('\n'),
          /mixed\.csv: column "precipitation".*row 29 "dry"/,
          'mixed_types',
        ],
      ];
      for (const [name, content, message, reason] of cases) {
        const error = await expectGyreError(
          h.client.datasets.add({ file: file(name, content), name: 'bad' }),
          'INVALID_PARAMETER_VALUE',
          message,
        );
        expect(error.message).not.toMatch(/sha256|artifacts/);
        if (mode === 'local') expect(error.details).toMatchObject({ reason });
      }
      await expectGyreError(h.client.datasets.get('bad'), 'RESOURCE_DOES_NOT_EXIST');
      const violating = h.client.datasets.add({
        file: vegaFile('seattle-weather.csv'),
        name: 'bad',
        spec: {
          columns: { wind: { max: 5 }, weather: { type: 'string', allowed: ['rain', 'sun'] } },
        },
      });
      await expectGyreError(
        violating,
        'INVALID_PARAMETER_VALUE',
        /does not meet its spec: column "wind" max \(expected <= 5\): \d+ rows, first row \d+/,
      );
      await expectGyreError(
        h.client.datasets.add({
          file: vegaFile('seattle-weather.csv'),
          name: 'bad',
          spec: { columns: { wind: { maximum: 5 } } },
        }),
        'INVALID_PARAMETER_VALUE',
        /unknown rule/,
      );
      await expectGyreError(h.client.datasets.get('bad'), 'RESOURCE_DOES_NOT_EXIST');
      await expectGyreError(
        h.client.datasets.add({ file: vegaFile('seattle-weather.csv'), name: 'a/b' }),
        'INVALID_PARAMETER_VALUE',
        /may not contain '\/'/,
      );
    });

    it('validates a file against a version and reports each broken rule', async () => {
      await h.client.datasets.add({
        file: vegaFile('seattle-weather.csv'),
        name: 'weather',
        spec: {
          columns: {
            wind: { min: 0, max: 10 },
            weather: { allowed: ['rain', 'sun', 'fog', 'drizzle', 'snow'] },
          },
        },
      });
      const good = await h.client.datasets.validate(vegaFile('seattle-weather.csv'), 'weather');
      expect(good).toMatchObject({ valid: true, rows: 1461, columns_checked: 6, failures: [] });
      const rows = lines();
      const bad = file(
        'bad.csv',
        [rows[0], rows[1], '2016-01-01,1,2,3,12,hail', ',1,2,3,4,sun', rows[2]].join('\n'),
      );
      const report = await h.client.datasets.validate(bad, 'datasets:/weather/1');
      expect(report.valid).toBe(false);
      expect(report.failures.map((f) => [f.column, f.rule, f.failing_count, f.examples])).toEqual([
        ['date', 'nullable', 1, [{ row: 2, value: null }]],
        ['wind', 'max', 1, [{ row: 1, value: '12' }]],
        ['weather', 'allowed', 1, [{ row: 1, value: 'hail' }]],
      ]);
    });

    it('diffs two versions from their profiles: rows, schema, statistics and drift', async () => {
      const rows = lines();
      const early = file('early.csv', rows.slice(0, 700).join('\n'));
      const late = file(
        'late.csv',
        [`${rows[0]},station`, ...rows.slice(-700).map((r) => `${r},SEA`)].join('\n'),
      );
      await h.client.datasets.add({ file: early, name: 'w' });
      await h.client.datasets.add({ file: late, name: 'w' });
      const diff: DatasetDiff = await h.client.datasets.diff('w@1', 'w@2');
      expect(diff.row_count).toEqual({ a: 699, b: 700, change: 1 });
      expect(diff.schema_changes).toEqual([
        { column: 'station', change: 'added', a: null, b: { type: 'string', nullable: false } },
      ]);
      const weather = diff.columns.find((c) => c.column === 'weather')!;
      expect(weather.drift).toMatchObject({
        method: 'jensenshannon',
        threshold: 0.1,
        drifted: true,
      });
      const wind = diff.columns.find((c) => c.column === 'wind')!;
      expect(wind.drift).toMatchObject({ method: 'wasserstein_norm', drifted: false });
      expect(wind.statistics.find((s) => s.statistic === 'max')).toEqual({
        statistic: 'max',
        a: 9.5,
        b: 8,
        change: -1.5,
      });
      expect(diff.drifted_columns).toContain('weather');
      expect(diff.drifted_columns).not.toContain('wind');
      const same = await h.client.datasets.diff('w@1', 'w@1');
      expect(same.drifted_columns).toEqual([]);
      expect(same.columns.every((c) => c.drift?.score === 0)).toBe(true);
    });

    it('moves aliases and downloads the exact bytes', async () => {
      const path = vegaFile('seattle-weather.csv');
      await h.client.datasets.add({ file: path, name: 'weather' });
      await h.client.datasets.add({
        file: file('part.csv', lines().slice(0, 50).join('\n')),
        name: 'weather',
      });
      expect((await h.client.datasets.setAlias('weather@1', 'reference')).aliases).toEqual([
        'reference',
      ]);
      expect((await h.client.datasets.get('datasets:/weather@reference')).version).toBe(1);
      await h.client.datasets.setAlias('weather@2', 'reference');
      expect((await h.client.datasets.get('weather@reference')).version).toBe(2);
      await expectGyreError(
        h.client.datasets.setAlias('weather@1', 'latest'),
        'INVALID_PARAMETER_VALUE',
        /reserved/,
      );
      await expectGyreError(
        h.client.datasets.setAlias('weather@1', '7'),
        'INVALID_PARAMETER_VALUE',
        /reads as version 7/,
      );
      await h.client.datasets.deleteAlias('weather', 'reference');
      await expectGyreError(h.client.datasets.get('weather@reference'), 'RESOURCE_DOES_NOT_EXIST');
      // Dataset names that are also route words stay reachable over HTTP.
      await h.client.datasets.add({ file: path, name: 'uploads' });
      expect((await h.client.datasets.versions('uploads')).items).toHaveLength(1);
      const target = join(dir, 'copy.csv');
      const version = await h.client.datasets.download('weather@1', target);
      expect(sha256(readFileSync(target))).toBe(version.digest);
      expect(readFileSync(target)).toEqual(readFileSync(path));
    });

    it('records the exact version a run trained on, and lists runs and models in its lineage', async () => {
      await h.client.datasets.add({ file: vegaFile('seattle-weather.csv'), name: 'weather' });
      await h.client.datasets.setAlias('weather@1', 'reference');
      const result = await h.client.train({
        data: 'datasets:/weather@reference',
        target: 'weather',
        model: 'logistic',
        features: referenceFeatures.seattle,
        cv: 0,
        register: 'weather-model',
      });
      const inputs = await h.client.runs.inputs(result.runId);
      expect(inputs).toEqual([
        expect.objectContaining({
          kind: 'dataset',
          ref: 'datasets:/weather/1',
          digest: sha256(readFileSync(vegaFile('seattle-weather.csv'))),
        }),
      ]);
      const run = await h.client.runs.get(result.runId);
      expect(run.data.params.data).toBe('datasets:/weather/1');
      const other = await h.client.runs.create({ experimentId: '0' });
      await h.client.runs.logInputs(other.info.runId, [
        { kind: 'dataset', ref: 'datasets:/weather/latest', digest: null },
      ]);
      expect(await h.client.runs.inputs(other.info.runId)).toEqual([
        expect.objectContaining({ kind: 'dataset', ref: 'datasets:/weather/1' }),
      ]);
      await expectGyreError(
        h.client.runs.logInputs(other.info.runId, [
          { kind: 'dataset', ref: 'datasets:/nope/1', digest: null },
        ]),
        'RESOURCE_DOES_NOT_EXIST',
      );
      const lineage = await h.client.datasets.lineage('weather');
      expect(lineage.runs.map((r) => r.runId).sort()).toEqual(
        [result.runId, other.info.runId].sort(),
      );
      expect(lineage.modelVersions).toEqual([
        { name: 'weather-model', version: 1, runId: result.runId },
      ]);
    });
  });
}
