import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { LocalBlobStore } from './local-blob-store.js';

const MiB = 1024 * 1024;
const CONTENT_SIZE = 512 * MiB;
const MAX_RSS_GROWTH = 200 * MiB;

let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'gyre-blobs-memory-'));
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

it(
  'streams 512 MiB generated on the fly without holding it in memory',
  { timeout: 300_000 },
  async () => {
    const store = new LocalBlobStore(root);
    const expected = createHash('sha256');
    const before = process.memoryUsage().rss;
    let peak = before;

    async function* generate(): AsyncGenerator<Buffer> {
      for (let offset = 0; offset < CONTENT_SIZE; offset += MiB) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        // A fresh buffer per chunk, different content each time, like data off a socket.
        const chunk = Buffer.alloc(MiB, offset / MiB);
        chunk.writeUInt32BE(offset, 0);
        expected.update(chunk);
        peak = Math.max(peak, process.memoryUsage().rss);
        yield chunk;
      }
    }

    const blob = await store.put(Readable.from(generate()));
    const after = process.memoryUsage().rss;

    expect(blob.size).toBe(CONTENT_SIZE);
    expect(blob.digest).toBe(expected.digest('hex'));
    expect(statSync(store.pathOf(blob.digest)).size).toBe(CONTENT_SIZE);
    expect(peak - before, `peak RSS growth ${((peak - before) / MiB).toFixed(0)} MiB`).toBeLessThan(
      MAX_RSS_GROWTH,
    );
    expect(after - before, `RSS growth ${((after - before) / MiB).toFixed(0)} MiB`).toBeLessThan(
      MAX_RSS_GROWTH,
    );
  },
);
