import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tarStream, type TarEntry } from './tar-stream.js';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gyre-tar-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface Sample {
  name: string;
  bytes: Buffer;
  /** Feed the content as a Readable instead of an async iterable of chunks. */
  asStream?: boolean;
}

const mtime = new Date('2024-03-05T06:07:08Z');
const longName = `${'deeply/nested/'.repeat(8)}model-weights-final.bin`;
const unicodeLongName = `${'données/'.repeat(12)}résumé.txt`;
const exactly100 = `${'x'.repeat(95)}.json`;

const samples: Sample[] = [
  { name: 'hello.txt', bytes: Buffer.from('hello, tar\n') },
  { name: 'dir/sub/block.bin', bytes: Buffer.alloc(512, 0xab) },
  {
    name: 'dir/random.bin',
    bytes: Buffer.from(Array.from({ length: 70_001 }, (_, i) => (i * 31 + 7) % 256)),
    asStream: true,
  },
  { name: 'empty', bytes: Buffer.alloc(0) },
  { name: longName, bytes: Buffer.from('long name content') },
  { name: unicodeLongName, bytes: Buffer.from('ça marche') },
  { name: exactly100, bytes: Buffer.from('{}') },
];

/** Lets the event loop turn, as a source reading from disk or a socket would. */
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

async function* chunked(bytes: Buffer, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) {
    await tick();
    yield new Uint8Array(bytes.subarray(i, i + size));
  }
}

function entry(sample: Sample): TarEntry {
  return {
    name: sample.name,
    size: sample.bytes.length,
    mtime,
    content: sample.asStream ? Readable.from([sample.bytes]) : chunked(sample.bytes, 1000),
  };
}

/** Runs the system tar, failing on a non-zero exit or any warning on stderr. */
function tar(...args: string[]): string {
  const result = spawnSync('tar', args, {
    encoding: 'utf8',
    env: { ...process.env, LC_ALL: 'C.UTF-8', TZ: 'UTC' },
  });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.stdout;
}

async function writeTar(entries: Iterable<TarEntry> | AsyncIterable<TarEntry>): Promise<string> {
  const file = join(dir, 'archive.tar');
  await pipeline(Readable.from(tarStream(entries)), createWriteStream(file));
  return file;
}

describe('tarStream', () => {
  it('writes block-aligned archives ending in two zero blocks', async () => {
    const file = await writeTar(samples.map(entry));
    const bytes = readFileSync(file);
    expect(bytes.length % 512).toBe(0);
    expect(bytes.subarray(-1024).equals(Buffer.alloc(1024))).toBe(true);
    expect(bytes.subarray(257, 265).toString('binary')).toBe('ustar\u000000');
  });

  it('round-trips names, sizes, mtimes and contents through the system tar', async () => {
    expect(Buffer.byteLength(longName)).toBeGreaterThan(100);
    expect(Buffer.byteLength(unicodeLongName)).toBeGreaterThan(100);
    expect(Buffer.byteLength(exactly100)).toBe(100);

    const file = await writeTar(samples.map(entry));
    const lines = tar('-tvf', file).trimEnd().split('\n');
    expect(lines).toHaveLength(samples.length);
    samples.forEach((sample, i) => {
      const line = lines[i]!;
      expect(line.startsWith('-rw-r--r-- ')).toBe(true);
      expect(line.endsWith(` ${sample.name}`)).toBe(true);
      expect(line).toMatch(new RegExp(`\\s${sample.bytes.length} 2024-03-05 06:07 `));
    });

    const out = join(dir, 'out');
    mkdirSync(out);
    tar('-xf', file, '-C', out);
    for (const sample of samples) {
      const path = join(out, sample.name);
      expect(readFileSync(path).equals(sample.bytes), sample.name).toBe(true);
      expect(statSync(path).mtime.getTime()).toBe(mtime.getTime());
    }
  });

  it('accepts entries from an async iterable', async () => {
    async function* entries(): AsyncGenerator<TarEntry> {
      for (const sample of samples.slice(0, 2)) {
        await tick();
        yield entry(sample);
      }
    }
    const file = await writeTar(entries());
    expect(tar('-tf', file)).toBe('hello.txt\ndir/sub/block.bin\n');
  });

  it('writes a valid empty archive for no entries', async () => {
    const file = await writeTar([]);
    expect(readFileSync(file).equals(Buffer.alloc(1024))).toBe(true);
    expect(tar('-tf', file)).toBe('');
  });

  it.each([
    ['shorter', 10, 'only five'],
    ['longer', 3, 'too long'],
  ])('fails when the content is %s than the declared size', async (_what, size, text) => {
    const entries = [{ name: 'bad', size, mtime, content: chunked(Buffer.from(text), 4) }];
    await expect(writeTar(entries)).rejects.toThrow(/tar entry bad: expected \d+ bytes, read \d+/);
  });
});
