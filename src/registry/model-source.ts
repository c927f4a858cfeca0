import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { normalizeArtifactPath, type BlobStore } from '../artifacts/index.js';
import { invalidParameter, notFound } from '../core/errors/index.js';
import type { Store } from '../store/index.js';
import type { ModelUri } from './model-uri.js';

/** Where a new version's bytes come from: a URI, or bytes streamed in by the caller. */
export type VersionSource =
  { uri: string } | { upload: Readable | AsyncIterable<Uint8Array>; fileName?: string };

export interface StoredSource {
  digest: string;
  size: number;
  /** How the version records its origin. */
  source: string;
  runId: string | null;
}

/**
 * Puts the source's bytes in the artifact store (or finds them there: run artifacts and other
 * versions are already blobs, so nothing is copied) and says where they came from.
 */
export async function storeSource(
  deps: { store: Store; blobs: BlobStore },
  parsed:
    ModelUri | { kind: 'upload'; content: Readable | AsyncIterable<Uint8Array>; fileName?: string },
  resolveVersion: (
    uri: ModelUri,
  ) => Promise<{ digest: string; size: number; runId: string | null; uri: string }>,
): Promise<StoredSource> {
  switch (parsed.kind) {
    case 'upload': {
      const blob = await deps.blobs.put(parsed.content);
      return {
        digest: blob.digest,
        size: blob.size,
        source: `upload:${parsed.fileName ?? 'model.onnx'}`,
        runId: null,
      };
    }
    case 'file': {
      const info = await stat(parsed.path).catch(() => undefined);
      if (!info?.isFile()) throw invalidParameter(`'${parsed.path}' is not a readable file`);
      const blob = await deps.blobs.put(createReadStream(parsed.path));
      return { digest: blob.digest, size: blob.size, source: `file:${parsed.path}`, runId: null };
    }
    case 'run': {
      const entry = await runArtifactModel(deps.store, parsed.runId, parsed.path);
      return {
        digest: entry.digest,
        size: entry.size,
        source: `runs:/${parsed.runId}/${entry.path}`,
        runId: parsed.runId,
      };
    }
    default: {
      const version = await resolveVersion(parsed);
      return {
        digest: version.digest,
        size: version.size,
        source: version.uri,
        runId: version.runId,
      };
    }
  }
}

/** `runs:/<run>/model` may name the ONNX file or a directory holding exactly one `.onnx` file. */
async function runArtifactModel(store: Store, runId: string, rawPath: string) {
  if (!(await store.runs.get(runId)))
    throw notFound(`no run with id '${runId}'`, { run_id: runId });
  const path = normalizeArtifactPath(rawPath);
  const file = await store.runArtifacts.get(runId, path);
  if (file) return file;
  const onnxFiles = (await store.runArtifacts.listUnder(runId, path)).filter((entry) =>
    entry.path.endsWith('.onnx'),
  );
  if (onnxFiles.length === 1) return onnxFiles[0]!;
  if (onnxFiles.length > 1) {
    throw invalidParameter(
      `run ${runId} has several ONNX files under '${path}' (${onnxFiles.map((f) => f.path).join(', ')}); name one`,
    );
  }
  throw notFound(`run ${runId} has no artifact '${path}' (and no .onnx file under it)`, {
    run_id: runId,
    path,
  });
}

/** The whole blob, verified, in memory: ONNX files are protobuf messages (at most 2 GB) parsed whole. */
export async function readBlob(blobs: BlobStore, digest: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await blobs.open(digest)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
