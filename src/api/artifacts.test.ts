import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectErrorReply, openApiHarness, type ApiHarness } from '../testing/api-harness.js';

let h: ApiHarness;
let runId: string;
beforeEach(async () => {
  h = await openApiHarness({ jsonBodyLimit: 1024 });
  runId = (await h.calls.createRun()).info.run_id;
});
afterEach(() => h.dispose());

const sha256 = (content: string | Buffer) => createHash('sha256').update(content).digest('hex');

/** Every blob file under the artifact root (complete blobs and temporary parts). */
function storedBlobFiles(): string[] {
  const root = h.gyre.config.artifactRoot;
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('artifact upload and download', () => {
  it('stores any content type raw, including application/json beyond the JSON body limit', async () => {
    const json = '{"not": "parsed",   "spacing": [1, 2]}';
    const notJson = '{ this is not json';
    const large = JSON.stringify({ data: 'x'.repeat(4000) });
    const binary = Buffer.from([0, 1, 2, 255, 254, 0xc3, 0x28]);
    const cases: [string, string | Buffer, string | undefined][] = [
      ['config/params.json', json, 'application/json'],
      ['config/broken.json', notJson, 'application/json; charset=utf-8'],
      ['config/large.json', large, 'application/json'],
      ['model/weights.bin', binary, 'application/octet-stream'],
      ['notes.txt', 'hello', 'text/plain'],
      ['page.html', '<p>x</p>', 'text/html'],
      ['image.png', binary, 'image/png'],
    ];
    for (const [path, content, type] of cases) {
      const entry = await h.calls.uploadArtifact(runId, path, content, type);
      expect(entry).toEqual({
        path,
        digest: sha256(content),
        size: Buffer.byteLength(content),
        created_time: expect.any(Number),
      });
      const download = await h.app.inject({
        method: 'GET',
        url: `/api/v1/runs/${runId}/artifacts/content/${path}`,
      });
      expect(download.statusCode).toBe(200);
      expect(download.rawPayload.equals(Buffer.from(content))).toBe(true);
      expect(download.headers).toMatchObject({
        'content-type': 'application/octet-stream',
        'content-length': String(Buffer.byteLength(content)),
        etag: `"sha256:${sha256(content)}"`,
        'x-gyre-digest': `sha256:${sha256(content)}`,
        'x-gyre-created-time': String(entry.created_time),
      });
    }
  });

  it('overwrites a path and deduplicates identical content', async () => {
    const a = await h.calls.uploadArtifact(runId, 'a.txt', 'same');
    const b = await h.calls.uploadArtifact(runId, 'b.txt', 'same');
    expect(b.digest).toBe(a.digest);
    await h.calls.uploadArtifact(runId, 'a.txt', 'changed');
    const download = await h.app.inject({
      method: 'GET',
      url: `/api/v1/runs/${runId}/artifacts/content/a.txt`,
    });
    expect(download.body).toBe('changed');
    expect(storedBlobFiles().filter((f) => f.includes('sha256'))).toHaveLength(2);
  });

  it('404s a missing file, a directory, and an unknown run', async () => {
    await h.calls.uploadArtifact(runId, 'dir/file.txt', 'x');
    const get = (path: string, run = runId) =>
      h.app.inject({ method: 'GET', url: `/api/v1/runs/${run}/artifacts/content/${path}` });
    expectErrorReply(await get('nope.txt'), 'RESOURCE_DOES_NOT_EXIST', /nope\.txt/);
    expectErrorReply(await get('dir'), 'RESOURCE_DOES_NOT_EXIST', /it is a directory/);
    expectErrorReply(await get('dir/file.txt', 'f'.repeat(32)), 'RESOURCE_DOES_NOT_EXIST');
    expectErrorReply(
      await h.app.inject({ method: 'GET', url: `/api/v1/runs/${'f'.repeat(32)}/artifacts` }),
      'RESOURCE_DOES_NOT_EXIST',
    );
  });

  it('refuses uploads to unknown or deleted runs and writes no blob', async () => {
    expectErrorReply(
      await h.app.inject({
        method: 'PUT',
        url: `/api/v1/runs/${'f'.repeat(32)}/artifacts/content/x.txt`,
        payload: 'data',
      }),
      'RESOURCE_DOES_NOT_EXIST',
    );
    await h.app.inject({ method: 'DELETE', url: `/api/v1/runs/${runId}` });
    expectErrorReply(
      await h.app.inject({
        method: 'PUT',
        url: `/api/v1/runs/${runId}/artifacts/content/x.txt`,
        payload: 'data',
      }),
      'INVALID_PARAMETER_VALUE',
      /deleted/,
    );
    expect(storedBlobFiles()).toEqual([]);
  });
});

describe('artifact path traversal', () => {
  function rawPut(path: string): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const { port } = h.app.server.address() as { port: number };
      const req = request(
        { host: '127.0.0.1', port, method: 'PUT', path, headers: { 'content-type': 'text/plain' } },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.end('escaped!');
    });
  }

  it('refuses %2e%2e-encoded paths over real HTTP and writes nothing', async () => {
    await h.app.listen({ host: '127.0.0.1', port: 0 });
    const base = `/api/v1/runs/${runId}/artifacts/content`;
    for (const path of [
      `${base}/%2e%2e/evil.txt`,
      `${base}/a/%2e%2e/%2e%2e/evil.txt`,
      `${base}/%2E%2E/%2E%2E/%2E%2E/%2E%2E/evil.txt`,
      `${base}/a%2f%2e%2e%2f%2e%2e%2fevil.txt`,
      `${base}/..%5cevil.txt`,
    ]) {
      const { status, body } = await rawPut(path);
      expect(status, path).toBe(400);
      expect(JSON.parse(body)).toEqual({
        error_code: 'INVALID_PARAMETER_VALUE',
        message: expect.stringMatching(/artifact path/),
      });
    }
    expect(storedBlobFiles()).toEqual([]);
    expect((await h.calls.listArtifacts(runId, 'recursive=true')).files).toEqual([]);
  });

  it('refuses %2e%2e-encoded paths through inject and writes nothing', async () => {
    for (const path of ['%2e%2e/evil.txt', 'a%2f%2e%2e%2f%2e%2e%2fevil.txt', '%2fetc%2fpasswd']) {
      const response = await h.app.inject({
        method: 'PUT',
        url: `/api/v1/runs/${runId}/artifacts/content/${path}`,
        payload: 'escaped!',
      });
      expect(response.statusCode, path).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, path).toBeLessThan(500);
      expect(Object.keys(response.json<object>()).sort()).toEqual(['error_code', 'message']);
    }
    expect(storedBlobFiles()).toEqual([]);
    expect((await h.calls.listArtifacts(runId, 'recursive=true')).files).toEqual([]);
  });
});
