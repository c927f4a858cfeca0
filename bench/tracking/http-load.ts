import { Agent, request } from 'node:http';

/**
 * One client per stream, each posting its pre-serialised bodies in order over a keep-alive
 * connection; all clients run at once. Bodies are built beforehand so the client's own JSON work
 * does not count against the server.
 */
export async function postLoad(options: {
  url: string;
  streams: { path: string; bodies: Buffer[] }[];
}): Promise<{ seconds: number; statuses: Record<number, number>; latenciesMs: number[] }> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.streams.length });
  const statuses: Record<number, number> = {};
  const latenciesMs: number[] = [];
  const target = new URL(options.url);
  const once = (path: string, payload: Buffer) =>
    new Promise<void>((resolve, reject) => {
      const begin = performance.now();
      const req = request(
        {
          host: target.hostname,
          port: target.port,
          path,
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': payload.length },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            statuses[res.statusCode ?? 0] = (statuses[res.statusCode ?? 0] ?? 0) + 1;
            latenciesMs.push(performance.now() - begin);
            resolve();
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  const begin = performance.now();
  await Promise.all(
    options.streams.map(async ({ path, bodies }) => {
      for (const body of bodies) await once(path, body);
    }),
  );
  const seconds = (performance.now() - begin) / 1000;
  agent.destroy();
  return { seconds, statuses, latenciesMs };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}
