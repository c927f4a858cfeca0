import { describe, expect, it } from 'vitest';
import { expectGyreError } from '../../testing/expect-gyre-error.js';
import type { StoreHarness } from '../testing/store-harness.js';
import { newRunInput } from './runs.case.js';

const entry = (path: string, digest = 'a'.repeat(64), size = 3) => ({
  path,
  digest,
  size,
  createdTime: 1,
});

export function runArtifactCases(h: () => StoreHarness): void {
  describe('run artifacts', () => {
    it('maps paths to blobs, replaces a file and lists a directory recursively in path order', async () => {
      const { info } = await h().store.runs.create(newRunInput());
      await h().store.runArtifacts.put(info.runId, entry('model/model.onnx'));
      await h().store.runArtifacts.put(info.runId, entry('model/meta/MLmodel', 'b'.repeat(64), 10));
      await h().store.runArtifacts.put(info.runId, entry('model0.txt'));
      await h().store.runArtifacts.put(info.runId, entry('model-card.md'));
      await h().store.runArtifacts.put(info.runId, entry('model/model.onnx', 'c'.repeat(64), 7));
      expect(await h().store.runArtifacts.get(info.runId, 'model/model.onnx')).toEqual(
        entry('model/model.onnx', 'c'.repeat(64), 7),
      );
      expect(
        (await h().store.runArtifacts.listUnder(info.runId, 'model')).map((e) => e.path),
      ).toEqual(['model/meta/MLmodel', 'model/model.onnx']);
      expect((await h().store.runArtifacts.listUnder(info.runId, '')).map((e) => e.path)).toEqual([
        'model-card.md',
        'model/meta/MLmodel',
        'model/model.onnx',
        'model0.txt',
      ]);
      expect(await h().store.runArtifacts.get(info.runId, 'model')).toBeUndefined();
    });

    it('refuses a path that would be both a file and a directory', async () => {
      const { info } = await h().store.runs.create(newRunInput());
      await h().store.runArtifacts.put(info.runId, entry('a/b'));
      await expectGyreError(
        h().store.runArtifacts.put(info.runId, entry('a/b/c')),
        'INVALID_PARAMETER_VALUE',
        /'a\/b' is a file/,
      );
      await expectGyreError(
        h().store.runArtifacts.put(info.runId, entry('a')),
        'INVALID_PARAMETER_VALUE',
        /is a directory/,
      );
    });

    it('refuses artifacts for unknown runs', async () => {
      await expectGyreError(
        h().store.runArtifacts.put('9'.repeat(32), entry('x')),
        'RESOURCE_DOES_NOT_EXIST',
      );
    });
  });
}
