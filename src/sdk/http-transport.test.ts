import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { buildServer } from '../api/index.js';
import { expectGyreError } from '../testing/expect-gyre-error.js';
import { openTempGyre } from '../testing/temp-gyre.js';
import { GyreClient } from './gyre-client.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function gyreServer(jsonBodyLimit?: number) {
  const gyre = await openTempGyre(jsonBodyLimit ? { jsonBodyLimit } : {});
  const app = await buildServer(gyre);
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  let open = true;
  const close = async () => {
    if (open) await app.close();
    open = false;
  };
  cleanups.push(async () => {
    await close();
    await gyre.dispose();
  });
  return { gyre, app, url, close };
}

describe('GyreClient.connect', () => {
  it('reports a closed port as TEMPORARILY_UNAVAILABLE', async () => {
    const port = await closedPort();
    const client = GyreClient.connect(`http://127.0.0.1:${port}`);
    await expectGyreError(
      client.experiments.search(),
      'TEMPORARILY_UNAVAILABLE',
      new RegExp(`cannot reach the Gyre server at http://127\\.0\\.0\\.1:${port}: ECONNREFUSED`),
    );
    await expectGyreError(client.startRun(), 'TEMPORARILY_UNAVAILABLE');
  });

  it('accepts a base URL with trailing slashes', async () => {
    const { url } = await gyreServer();
    const client = GyreClient.connect(`${url}//`);
    expect((await client.experiments.get('0')).name).toBe('Default');
  });

  it('maps a 413 from the server to PAYLOAD_TOO_LARGE', async () => {
    const { url } = await gyreServer(2048);
    const client = GyreClient.connect(url);
    const runId = (await client.runs.create()).info.runId;
    const metrics = Array.from({ length: 200 }, (_, step) => ({ key: 'loss', value: 1, step }));
    await expectGyreError(
      client.runs.logBatch(runId, { metrics }),
      'PAYLOAD_TOO_LARGE',
      /json_body_limit/,
    );
  });

  it('maps replies that are not Gyre error bodies by HTTP status', async () => {
    const url = await serve((request, response) => {
      const status = Number(request.url?.split('/').at(-1));
      if (request.url?.startsWith('/api/v1/experiments/weird')) {
        response.writeHead(400, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error_code: 'SOMETHING_NEW', message: 'from the future' }));
        return;
      }
      response.writeHead(Number.isInteger(status) ? status : 500, { 'content-type': 'text/html' });
      response.end('<html>proxy error</html>');
    });
    const client = GyreClient.connect(url);
    await expectGyreError(client.experiments.get('502'), 'INTERNAL_ERROR', /HTTP 502.*proxy error/);
    await expectGyreError(client.experiments.get('404'), 'ENDPOINT_NOT_FOUND', /HTTP 404/);
    await expectGyreError(client.experiments.get('409'), 'BAD_REQUEST', /HTTP 409/);
    await expectGyreError(client.experiments.get('weird'), 'INTERNAL_ERROR', /from the future/);
  });
});

describe('ActiveRun over HTTP', () => {
  it('surfaces a server that went away from flush() as TEMPORARILY_UNAVAILABLE', async () => {
    const server = await gyreServer();
    const run = await GyreClient.connect(server.url).startRun({ flushIntervalMs: 60_000 });
    run.logMetric('loss', 1);
    await server.close();
    await expectGyreError(
      run.flush(),
      'TEMPORARILY_UNAVAILABLE',
      /1 metric points could not be logged/,
    );
    expect((await server.gyre.tracking.runs.metricHistory(run.runId, 'loss')).items).toEqual([]);
  });

  it('surfaces a batch over the JSON body limit from end() as PAYLOAD_TOO_LARGE', async () => {
    const { url, gyre } = await gyreServer(2048);
    const client = GyreClient.connect(url);
    const run = await client.startRun({ batchSize: 500, flushIntervalMs: 60_000 });
    for (let step = 0; step < 200; step += 1) run.logMetric('loss', step, { step });
    await expectGyreError(run.end(), 'PAYLOAD_TOO_LARGE', /200 metric points could not be logged/);
    // end() still closed the run.
    expect((await gyre.tracking.runs.get(run.runId)).info.status).toBe('FINISHED');
  });
});
