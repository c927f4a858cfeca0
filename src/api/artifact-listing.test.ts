import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectErrorReply, openApiHarness, type ApiHarness } from '../testing/api-harness.js';
import { readTar } from '../testing/read-tar.js';

let h: ApiHarness;
let runId: string;
beforeEach(async () => {
  h = await openApiHarness({ jsonBodyLimit: 1024 });
  runId = (await h.calls.createRun()).info.run_id;
});
afterEach(() => h.dispose());

const sha256 = (content: string | Buffer) => createHash('sha256').update(content).digest('hex');

describe('artifact listing and archives', () => {
  beforeEach(async () => {
    await h.calls.uploadArtifact(runId, 'model/model.onnx', 'onnx-bytes');
    await h.calls.uploadArtifact(runId, 'model/meta/info.json', '{"v":1}', 'application/json');
    await h.calls.uploadArtifact(runId, 'readme.md', '# run');
  });

  it('lists immediate children, directories first', async () => {
    const root = await h.calls.listArtifacts(runId);
    expect(root.root).toBe('');
    expect(root.files).toEqual([
      { path: 'model', is_dir: true },
      {
        path: 'readme.md',
        is_dir: false,
        file_size: 5,
        digest: sha256('# run'),
        created_time: expect.any(Number),
      },
    ]);
    const model = await h.calls.listArtifacts(runId, 'path=model');
    expect(model.root).toBe('model');
    expect(model.files.map((f) => [f.path, f.is_dir])).toEqual([
      ['model/meta', true],
      ['model/model.onnx', false],
    ]);
  });

  it('lists every file below with recursive=true', async () => {
    const all = await h.calls.listArtifacts(runId, 'recursive=true');
    expect(all.files.map((f) => f.path).sort()).toEqual([
      'model/meta/info.json',
      'model/model.onnx',
      'readme.md',
    ]);
    expect(all.files.every((f) => !f.is_dir && typeof f.digest === 'string')).toBe(true);
    const model = await h.calls.listArtifacts(runId, 'path=model&recursive=true');
    expect(model.files.map((f) => f.path).sort()).toEqual([
      'model/meta/info.json',
      'model/model.onnx',
    ]);
    expect((await h.calls.listArtifacts(runId, 'path=empty&recursive=true')).files).toEqual([]);
  });

  it('downloads a directory as a tar archive with paths relative to it', async () => {
    const response = await h.app.inject({
      method: 'GET',
      url: `/api/v1/runs/${runId}/artifacts/archive?path=model`,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/x-tar');
    expect(response.headers['content-disposition']).toBe('attachment; filename="model.tar"');
    const files = readTar(response.rawPayload);
    expect(files.map((f) => [f.name, f.content.toString()]).sort()).toEqual([
      ['meta/info.json', '{"v":1}'],
      ['model.onnx', 'onnx-bytes'],
    ]);
  });

  it('archives the whole run, named after the run', async () => {
    const response = await h.app.inject({
      method: 'GET',
      url: `/api/v1/runs/${runId}/artifacts/archive`,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toBe(`attachment; filename="${runId}.tar"`);
    expect(
      readTar(response.rawPayload)
        .map((f) => f.name)
        .sort(),
    ).toEqual(['model/meta/info.json', 'model/model.onnx', 'readme.md']);
    expectErrorReply(
      await h.app.inject({
        method: 'GET',
        url: `/api/v1/runs/${runId}/artifacts/archive?path=nothing`,
      }),
      'RESOURCE_DOES_NOT_EXIST',
    );
  });
});
