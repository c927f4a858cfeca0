import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectErrorReply, openApiHarness, type ApiHarness } from '../testing/api-harness.js';
import { vegaFile } from '../testing/vega-data.js';

let h: ApiHarness;
beforeEach(async () => {
  h = await openApiHarness();
});
afterEach(() => h.dispose());

const sha256 = (content: string | Buffer) => createHash('sha256').update(content).digest('hex');
const weather = () => readFileSync(vegaFile('seattle-weather.csv'));

async function upload(content: string | Buffer) {
  return h.app.inject({
    method: 'PUT',
    url: '/api/v1/dataset-uploads',
    headers: { 'content-type': 'text/csv' },
    payload: content,
  });
}

async function addVersion(name: string, body: Record<string, unknown>) {
  return h.app.inject({ method: 'POST', url: `/api/v1/datasets/${name}/versions`, payload: body });
}

describe('dataset REST API', () => {
  it('uploads bytes once, then adds them as a version (201), and again adds nothing (200)', async () => {
    const bytes = weather();
    const first = await upload(bytes);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toEqual({ digest: sha256(bytes), size: bytes.length, created: true });
    const second = await upload(bytes);
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({ created: false });
    const present = await h.app.inject({ url: `/api/v1/dataset-uploads/${sha256(bytes)}` });
    expect(present.json()).toEqual({ digest: sha256(bytes), present: true });
    const absent = await h.app.inject({ url: `/api/v1/dataset-uploads/${sha256('x')}` });
    expect(absent.json()).toMatchObject({ present: false });

    const body = { digest: sha256(bytes), source: 'seattle-weather.csv', tags: { team: 'ops' } };
    const added = await addVersion('weather', body);
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({
      created: true,
      same_content: [],
      dataset_version: {
        name: 'weather',
        version: 1,
        uri: 'datasets:/weather/1',
        row_count: 1461,
        format: 'csv',
        tags: { team: 'ops' },
      },
    });
    const again = await addVersion('weather', body);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ created: false, dataset_version: { version: 1 } });
  });

  it('serves versions, profiles, lineage, content, diff and validation', async () => {
    const bytes = weather();
    await upload(bytes);
    await addVersion('weather', { digest: sha256(bytes), source: 'seattle-weather.csv' });
    const version = await h.app.inject({ url: '/api/v1/datasets/weather/versions/latest' });
    expect(version.json()).toMatchObject({
      dataset_version: { version: 1, digest: sha256(bytes) },
    });
    const resolved = await h.app.inject({ url: '/api/v1/datasets/resolve?uri=weather%401' });
    expect(resolved.json()).toEqual(version.json());
    const profile = await h.app.inject({ url: '/api/v1/datasets/weather/versions/1/profile' });
    expect(profile.json()).toMatchObject({
      uri: 'datasets:/weather/1',
      profile: { row_count: 1461 },
    });
    const lineage = await h.app.inject({ url: '/api/v1/datasets/weather/versions/1/lineage' });
    expect(lineage.json()).toEqual({ uri: 'datasets:/weather/1', runs: [], model_versions: [] });
    const content = await h.app.inject({ url: '/api/v1/datasets/weather/versions/1/content' });
    expect(content.statusCode).toBe(200);
    expect(content.headers['x-gyre-digest']).toBe(`sha256:${sha256(bytes)}`);
    expect(content.headers['content-disposition']).toBe(
      'attachment; filename="seattle-weather.csv"',
    );
    expect(content.rawPayload.equals(bytes)).toBe(true);

    const diff = await h.app.inject({
      url: '/api/v1/datasets/diff?a=weather@1&b=datasets:/weather/1',
    });
    expect(diff.json()).toMatchObject({
      a: 'datasets:/weather/1',
      b: 'datasets:/weather/1',
      schema_changes: [],
      drifted_columns: [],
    });

    const bad = Buffer.from(
      'date,precipitation,temp_max,temp_min,wind,weather\n2016-01-01,x,1,2,3,sun\n',
    );
    await upload(bad);
    const report = await h.app.inject({
      method: 'POST',
      url: '/api/v1/datasets/weather/versions/1/validate',
      payload: { digest: sha256(bad), source: 'new.csv' },
    });
    expect(report.statusCode).toBe(200);
    expect(report.json()).toMatchObject({
      valid: false,
      rows: 1,
      failures: [
        {
          column: 'precipitation',
          rule: 'type',
          failing_count: 1,
          examples: [{ row: 0, value: 'x' }],
        },
      ],
    });
  });

  it('answers bad requests with stable codes and no version', async () => {
    expectErrorReply(
      await addVersion('w', { digest: 'abc', source: 'a.csv' }),
      'INVALID_PARAMETER_VALUE',
      /sha256/,
    );
    expectErrorReply(
      await addVersion('w', { digest: sha256('nothing'), source: 'a.csv' }),
      'RESOURCE_DOES_NOT_EXIST',
      /upload the file first/,
    );
    const ragged = Buffer.from('a,b\n1,2\n3\n');
    await upload(ragged);
    const refused = await addVersion('w', { digest: sha256(ragged), source: 'ragged.csv' });
    expectErrorReply(refused, 'INVALID_PARAMETER_VALUE', /^ragged\.csv: line 3 has 1 field/);
    expectErrorReply(
      await addVersion('w', { digest: sha256(ragged), source: 'x.csv', format: 'xlsx' }),
      'INVALID_PARAMETER_VALUE',
    );
    expectErrorReply(
      await h.app.inject({ url: '/api/v1/datasets/w/versions' }),
      'RESOURCE_DOES_NOT_EXIST',
      /no dataset named 'w'/,
    );
    expectErrorReply(
      await h.app.inject({ url: '/api/v1/datasets/w/versions/1' }),
      'RESOURCE_DOES_NOT_EXIST',
    );
    expectErrorReply(
      await h.app.inject({ url: '/api/v1/datasets/diff?a=w@1' }),
      'INVALID_PARAMETER_VALUE',
    );
    expect((await h.app.inject({ url: '/api/v1/datasets' })).json()).toEqual({ datasets: [] });
  });

  it('documents every dataset route in the OpenAPI description', async () => {
    const spec = (await h.app.inject({ url: '/api/v1/openapi.json' })).json<{
      paths: Record<string, unknown>;
    }>();
    const paths = Object.keys(spec.paths).filter((p) => p.startsWith('/api/v1/dataset'));
    expect(paths.sort()).toEqual([
      '/api/v1/dataset-uploads',
      '/api/v1/dataset-uploads/{digest}',
      '/api/v1/datasets',
      '/api/v1/datasets/diff',
      '/api/v1/datasets/resolve',
      '/api/v1/datasets/{name}/aliases/{alias}',
      '/api/v1/datasets/{name}/versions',
      '/api/v1/datasets/{name}/versions/{version}',
      '/api/v1/datasets/{name}/versions/{version}/content',
      '/api/v1/datasets/{name}/versions/{version}/lineage',
      '/api/v1/datasets/{name}/versions/{version}/profile',
      '/api/v1/datasets/{name}/versions/{version}/validate',
    ]);
  });
});
