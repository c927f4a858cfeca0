import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isGyreError } from '../core/errors/index.js';
import { expectGyreError } from '../testing/expect-gyre-error.js';
import { LocalBlobStore } from './local-blob-store.js';

let root: string;
let store: LocalBlobStore;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'gyre-blobs-'));
  store = new LocalBlobStore(root);
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Every file under `dir`, relative, recursively. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1));
}

/** Lets the event loop turn, as a source reading from disk or a socket would. */
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

async function* chunks(...parts: (string | Uint8Array)[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) {
    await tick();
    yield typeof part === 'string' ? Buffer.from(part) : part;
  }
}

describe('LocalBlobStore.put', () => {
  it('stores content under its sha256 and reports digest and size', async () => {
    const blob = await store.put(chunks('hello ', 'world'));
    expect(blob).toEqual({ digest: sha256('hello world'), size: 11, created: true });
    expect(blob.digest).toBe('b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9');
    const path = store.pathOf(blob.digest);
    expect(path).toBe(join(root, 'sha256', 'b9', '4d', blob.digest));
    expect(readFileSync(path, 'utf8')).toBe('hello world');
    expect(await store.has(blob.digest)).toBe(true);
    expect(filesUnder(join(root, 'tmp'))).toEqual([]);
  });

  it('accepts Readable streams, string chunks and empty content', async () => {
    const bytes = Buffer.from(Array.from({ length: 70_000 }, (_, i) => i % 251));
    const fromStream = await store.put(Readable.from([bytes.subarray(0, 1), bytes.subarray(1)]));
    expect(fromStream).toEqual({ digest: sha256(bytes), size: 70_000, created: true });
    const fromStrings = await store.put(Readable.from(['ab', 'cé'], { objectMode: true }));
    expect(fromStrings).toMatchObject({ digest: sha256('abcé'), size: 5 });
    const empty = await store.put(chunks());
    expect(empty).toEqual({ digest: sha256(''), size: 0, created: true });
    expect((await readAll(await store.open(empty.digest))).length).toBe(0);
  });

  it('deduplicates identical content however it is chunked', async () => {
    const first = await store.put(chunks('abc', 'def'));
    const second = await store.put(chunks('a', 'bcde', 'f'));
    expect(first.created).toBe(true);
    expect(second).toEqual({ digest: first.digest, size: 6, created: false });
    expect(filesUnder(root)).toEqual([
      join('sha256', first.digest.slice(0, 2), first.digest.slice(2, 4), first.digest),
    ]);
  });

  it('leaves nothing behind when the source fails midway', async () => {
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield Buffer.alloc(100_000, 1);
      yield Buffer.alloc(100_000, 2);
      await tick();
      throw new Error('source broke');
    }
    await expect(store.put(failing())).rejects.toThrow('source broke');

    let reads = 0;
    const stream = new Readable({
      read() {
        reads += 1;
        if (reads <= 3) this.push(Buffer.alloc(50_000, reads));
        else this.destroy(new Error('connection reset'));
      },
    });
    await expect(store.put(stream)).rejects.toThrow('connection reset');
    expect(reads).toBe(4);

    expect(filesUnder(root)).toEqual([]);
  });
});

describe('LocalBlobStore.open and verify', () => {
  it('streams back exactly the stored bytes', async () => {
    const bytes = Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 7) % 256));
    const { digest } = await store.put(chunks(bytes));
    expect((await readAll(await store.open(digest))).equals(bytes)).toBe(true);
    await expect(store.verify(digest)).resolves.toBeUndefined();
  });

  it('refuses a blob whose file was altered on disk, before yielding any byte', async () => {
    const { digest } = await store.put(chunks('original content'));
    writeFileSync(store.pathOf(digest), 'tampered content');
    await expectGyreError(
      store.open(digest),
      'INTEGRITY_ERROR',
      new RegExp(`blob ${digest} is corrupt`),
    );
    await expectGyreError(store.verify(digest), 'INTEGRITY_ERROR');

    writeFileSync(store.pathOf(digest), 'original conten');
    await expectGyreError(store.open(digest), 'INTEGRITY_ERROR');
  });

  it('fails the stream when the file changes after open', async () => {
    const bytes = Buffer.alloc(300_000, 5);
    const { digest } = await store.put(chunks(bytes));
    const stream = await store.open(digest);
    writeFileSync(store.pathOf(digest), Buffer.alloc(300_000, 6));
    let thrown: unknown;
    try {
      await readAll(stream);
    } catch (error) {
      thrown = error;
    }
    expect(isGyreError(thrown) && thrown.code).toBe('INTEGRITY_ERROR');
  });

  it('reports an unknown or deleted blob as RESOURCE_DOES_NOT_EXIST', async () => {
    const unknown = sha256('never stored');
    await expectGyreError(store.open(unknown), 'RESOURCE_DOES_NOT_EXIST', new RegExp(unknown));
    await expectGyreError(store.verify(unknown), 'RESOURCE_DOES_NOT_EXIST');
    expect(await store.has(unknown)).toBe(false);

    const { digest } = await store.put(chunks('short-lived'));
    rmSync(store.pathOf(digest));
    await expectGyreError(store.open(digest), 'RESOURCE_DOES_NOT_EXIST');
    expect(await store.has(digest)).toBe(false);
  });

  it.each([
    ['uppercase hex', sha256('x').toUpperCase()],
    ['too short', sha256('x').slice(1)],
    ['too long', `${sha256('x')}0`],
    ['not hex', 'g'.repeat(64)],
    ['a path', `../../${'a'.repeat(58)}`],
    ['empty', ''],
  ])('rejects a malformed digest (%s) as INVALID_PARAMETER_VALUE', async (_what, digest) => {
    await expectGyreError(store.open(digest), 'INVALID_PARAMETER_VALUE', /not a sha256 digest/);
    await expectGyreError(store.verify(digest), 'INVALID_PARAMETER_VALUE');
    expect(await store.has(digest)).toBe(false);
  });
});
