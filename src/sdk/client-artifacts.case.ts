import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectGyreError } from '../testing/expect-gyre-error.js';
import { readAll, readTar } from '../testing/read-tar.js';
import { openClientHarness, type ClientHarness, type ClientMode } from './client.case.js';

const bytes = (text: string) => Readable.from([Buffer.from(text)]);

/** Artifact upload, listing, download and archives through the client: the same in both modes. */
export function describeClientArtifactCases(mode: ClientMode): void {
  describe(`GyreClient artifacts (${mode})`, () => {
    let h: ClientHarness;
    let runId: string;
    beforeEach(async () => {
      h = await openClientHarness(mode);
      runId = (await h.client.runs.create()).info.runId;
      const { artifacts } = h.client;
      await artifacts.upload(runId, 'model/model.onnx', bytes('onnx'));
      await artifacts.upload(
        runId,
        'model/meta/info.json',
        (async function* () {
          yield Buffer.from('{"v":');
          await Promise.resolve();
          yield Buffer.from('1}');
        })(),
      );
      await artifacts.upload(runId, 'readme.md', bytes('# hi'));
    });
    afterEach(() => h.dispose());

    it('uploads, lists and opens files', async () => {
      const entry = await h.client.artifacts.upload(runId, 'x/y.txt', bytes('hello'));
      expect(entry).toEqual({
        path: 'x/y.txt',
        digest: '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824',
        size: 5,
        createdTime: expect.any(Number),
      });
      const opened = await h.client.artifacts.open(runId, 'x/y.txt');
      expect(opened.entry).toEqual(entry);
      expect((await readAll(opened.content)).toString()).toBe('hello');

      const root = await h.client.artifacts.list(runId);
      expect(root.map((l) => [l.path, l.isDir])).toEqual([
        ['model', true],
        ['x', true],
        ['readme.md', false],
      ]);
      expect(root[2]).toMatchObject({ size: 4, digest: expect.stringMatching(/^[0-9a-f]{64}$/) });
      const files = await h.client.artifacts.listFiles(runId, 'model');
      expect(files.map((f) => [f.path, f.size]).sort()).toEqual([
        ['model/meta/info.json', 7],
        ['model/model.onnx', 4],
      ]);
      await expectGyreError(h.client.artifacts.open(runId, 'model'), 'RESOURCE_DOES_NOT_EXIST');
      await expectGyreError(h.client.artifacts.list('0'.repeat(32)), 'RESOURCE_DOES_NOT_EXIST');
    });

    it('streams a directory as a tar archive', async () => {
      const { files, content } = await h.client.artifacts.archive(runId, 'model');
      expect(files.map((f) => f.path).sort()).toEqual(['model/meta/info.json', 'model/model.onnx']);
      const entries = readTar(await readAll(content));
      expect(entries.map((e) => [e.name, e.content.toString()]).sort()).toEqual([
        ['meta/info.json', '{"v":1}'],
        ['model.onnx', 'onnx'],
      ]);
    });

    it('downloads a single file and whole directories', async () => {
      const dest = mkdtempSync(join(tmpdir(), 'gyre-dl-'));
      try {
        const one = await h.client.downloadArtifacts(
          runId,
          'model/meta/info.json',
          join(dest, 'f'),
        );
        expect(one.map((f) => f.path)).toEqual(['model/meta/info.json']);
        expect(readdirSync(join(dest, 'f'))).toEqual(['info.json']);
        expect(readFileSync(join(dest, 'f', 'info.json'), 'utf8')).toBe('{"v":1}');

        await h.client.downloadArtifacts(runId, 'model', join(dest, 'd'));
        expect(readFileSync(join(dest, 'd', 'model.onnx'), 'utf8')).toBe('onnx');
        expect(readFileSync(join(dest, 'd', 'meta', 'info.json'), 'utf8')).toBe('{"v":1}');
        expect(readdirSync(join(dest, 'd')).sort()).toEqual(['meta', 'model.onnx']);

        const all = await h.client.downloadArtifacts(runId, '', join(dest, 'all'));
        expect(all).toHaveLength(3);
        expect(readFileSync(join(dest, 'all', 'readme.md'), 'utf8')).toBe('# hi');
        expect(readFileSync(join(dest, 'all', 'model', 'model.onnx'), 'utf8')).toBe('onnx');
      } finally {
        rmSync(dest, { recursive: true, force: true });
      }
    });

    // In http mode fetch would resolve '..' segments itself and send the request elsewhere;
    // the client must refuse them before building the URL, as local mode does.
    it('refuses artifact paths with .. segments', async () => {
      for (const path of ['a/../evil.txt', '../evil.txt']) {
        await expectGyreError(
          h.client.artifacts.upload(runId, path, bytes('x')),
          'INVALID_PARAMETER_VALUE',
          /'\.\.'/,
        );
      }
      const paths = (await h.client.artifacts.listFiles(runId)).map((f) => f.path);
      expect(paths).not.toContain('evil.txt');
    });
  });
}
