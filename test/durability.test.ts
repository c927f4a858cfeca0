import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { openSqliteHandle } from '../src/store/dialects/sqlite-handle.js';
import { postgresAvailability, postgresHarness } from '../src/store/testing/store-harness.js';
import { startGyreServer, stopped } from './support/spawn-gyre.js';

const home = mkdtempSync(join(tmpdir(), 'gyre-durability-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

const writerScript = fileURLToPath(new URL('./support/batch-writer.ts', import.meta.url));

test('SQLite: every batch acknowledged before a SIGKILL is still there after restart', async () => {
  await killMidStreamAndCheck(['--home', home]);
  const database = openSqliteHandle(join(home, 'gyre.db'));
  try {
    expect(database.prepare('pragma integrity_check').all([])).toEqual([{ integrity_check: 'ok' }]);
  } finally {
    database.close();
  }
}, 120_000);

const postgres = await postgresAvailability();
describe.skipIf(!postgres.available)('PostgreSQL', () => {
  test('every batch acknowledged before a SIGKILL is still there after restart', async () => {
    const database = await postgresHarness();
    try {
      await killMidStreamAndCheck(['--home', home, '--database-url', database.url]);
    } finally {
      await database.dispose();
    }
  }, 120_000);
});

async function killMidStreamAndCheck(args: string[]): Promise<void> {
  const first = await startGyreServer(args);
  const created = await fetch(`${first.url}/api/v1/runs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  const runId = ((await created.json()) as { run: { info: { run_id: string } } }).run.info.run_id;

  const writer = spawn(process.execPath, ['--import', 'tsx', writerScript, first.url, runId], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const acked: number[] = [];
  let output = '';
  await new Promise<void>((resolve) => {
    writer.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      for (const match of output.matchAll(/ACK (\d+)\n/g))
        if (!acked.includes(Number(match[1]))) acked.push(Number(match[1]));
      // Kill while the writer is mid-stream: the next batch is already on its way.
      if (acked.length >= 25 && first.process.signalCode === null) {
        first.process.kill('SIGKILL');
        resolve();
      }
    });
  });
  await stopped(first.process);
  await stopped(writer);
  expect(output).not.toContain('REJECTED');
  expect(acked.length).toBeGreaterThanOrEqual(25);

  const second = await startGyreServer(args);
  try {
    const points: { step: number; value: number }[] = [];
    let pageToken: string | undefined;
    do {
      const query = new URLSearchParams({
        key: 'm',
        max_results: '100000',
        ...(pageToken ? { page_token: pageToken } : {}),
      });
      const page = (await (
        await fetch(`${second.url}/api/v1/runs/${runId}/metrics/history?${query.toString()}`)
      ).json()) as {
        metrics: { step: number; value: number }[];
        next_page_token?: string;
      };
      points.push(...page.metrics);
      pageToken = page.next_page_token;
    } while (pageToken);
    const run = (await (await fetch(`${second.url}/api/v1/runs/${runId}`)).json()) as {
      run: { data: { params: Record<string, string> } };
    };

    const steps = new Set(points.map((p) => p.step));
    for (const n of acked) {
      expect(run.run.data.params[`batch_${n}`], `param of acknowledged batch ${n}`).toBe(String(n));
      for (let i = 0; i < 1000; i += 1)
        if (!steps.has(n * 1000 + i))
          throw new Error(`acknowledged batch ${n} lost step ${n * 1000 + i}`);
    }
    // A batch is all or nothing: every batch present is complete, with its param.
    const batches = new Set(points.map((p) => Math.floor(p.step / 1000)));
    for (const n of batches) {
      expect(points.filter((p) => Math.floor(p.step / 1000) === n)).toHaveLength(1000);
      expect(run.run.data.params[`batch_${n}`]).toBe(String(n));
    }
    expect(points.every((p) => p.value === p.step)).toBe(true);
  } finally {
    second.process.kill('SIGTERM');
    await stopped(second.process);
  }
}
