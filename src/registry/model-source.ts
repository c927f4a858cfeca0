import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { normalizeArtifactPath, type BlobStore } from '../artifacts/index.js';
import { invalidParameter, notFound } from '../core/errors/index.js';
import type { ArtifactEntry, Store } from '../store/index.js';
import type { ModelUri } from './model-uri.js';

/**
 * Where a new version's bytes come from: a URI, bytes streamed in by the caller, or (MLflow
 * compatibility) a location outside Gyre that is recorded but not fetched.
 */
export type VersionSource =
  | { uri: string }
  | { upload: Readable | AsyncIterable<Uint8Array>; fileName?: string }
  | { external: string };

export interface StoredSource {
  /** sha256 of the model file, or of the manifest of a model directory; '' for external sources. */
  digest: string;
  size: number;
  /** How the version records its origin. */
  source: string;
  runId: string | null;
  /** True when `digest` is a single model file that can be checked as ONNX. */
  isFile: boolean;
  /** Why there is no single model file (directory without one .onnx, external source). */
  whyNoFile?: string;
}

export type ParsedSource =
  | ModelUri
  | { kind: 'upload'; content: Readable | AsyncIterable<Uint8Array>; fileName?: string }
  | { kind: 'external'; uri: string };

/**
 * Puts the source's bytes in the artifact store (or finds them there: run artifacts and other
 * versions are already blobs, so nothing is copied) and says where they came from. With
 * `acceptDirectories`, a run directory without exactly one `.onnx` file is recorded by the
 * digest of a manifest of its files instead of being refused.
 */
export async function storeSource(
  deps: { store: Store; blobs: BlobStore },
  parsed: ParsedSource,
  resolveVersion: (
    uri: ModelUri,
  ) => Promise<{ digest: string; size: number; runId: string | null; uri: string }>,
  options: { acceptDirectories?: boolean } = {},
): Promise<StoredSource> {
  switch (parsed.kind) {
    case 'upload': {
      const blob = await deps.blobs.put(parsed.content);
      return {
        digest: blob.digest,
        size: blob.size,
        source: `upload:${parsed.fileName ?? 'model.onnx'}`,
        runId: null,
        isFile: true,
      };
    }
    case 'external':
      return {
        digest: '',
        size: 0,
        source: parsed.uri,
        runId: null,
        isFile: false,
        whyNoFile: `the model files are outside Gyre (${parsed.uri})`,
      };
    case 'file': {
      const info = await stat(parsed.path).catch(() => undefined);
      if (!info?.isFile()) throw invalidParameter(`'${parsed.path}' is not a readable file`);
      const blob = await deps.blobs.put(createReadStream(parsed.path));
      return {
        digest: blob.digest,
        size: blob.size,
        source: `file:${parsed.path}`,
        runId: null,
        isFile: true,
      };
    }
    case 'run':
      return storeRunSource(deps, parsed.runId, parsed.path, options.acceptDirectories ?? false);
    default: {
      const version = await resolveVersion(parsed);
      return {
        digest: version.digest,
        size: version.size,
        source: version.uri,
        runId: version.runId,
        isFile: version.digest !== '',
      };
    }
  }
}

/** `runs:/<run>/model` may name the ONNX file or a directory holding exactly one `.onnx` file. */
async function storeRunSource(
  deps: { store: Store; blobs: BlobStore },
  runId: string,
  rawPath: string,
  acceptDirectories: boolean,
): Promise<StoredSource> {
  if (!(await deps.store.runs.get(runId)))
    throw notFound(`no run with id '${runId}'`, { run_id: runId });
  const path = normalizeArtifactPath(rawPath);
  const file = await deps.store.runArtifacts.get(runId, path);
  if (file)
    return {
      digest: file.digest,
      size: file.size,
      source: `runs:/${runId}/${file.path}`,
      runId,
      isFile: true,
    };
  const files = await deps.store.runArtifacts.listUnder(runId, path);
  const onnxFiles = files.filter((entry) => entry.path.endsWith('.onnx'));
  if (onnxFiles.length === 1) {
    const model = onnxFiles[0]!;
    return {
      digest: model.digest,
      size: model.size,
      source: `runs:/${runId}/${model.path}`,
      runId,
      isFile: true,
    };
  }
  if (files.length === 0)
    throw notFound(`run ${runId} has no artifact '${path}' (and no .onnx file under it)`, {
      run_id: runId,
      path,
    });
  const names = files.map((f) => f.path.slice(path.length + 1)).join(', ');
  const reason =
    onnxFiles.length > 1
      ? `run ${runId} has several ONNX files under '${path}' (${onnxFiles.map((f) => f.path).join(', ')}); name one`
      : `no .onnx file under '${path}' (files: ${names})`;
  if (!acceptDirectories) {
    if (onnxFiles.length > 1) throw invalidParameter(reason);
    throw notFound(`run ${runId} has no artifact '${path}' (and no .onnx file under it)`, {
      run_id: runId,
      path,
    });
  }
  const manifest = await storeManifest(deps.blobs, path, files);
  return { ...manifest, source: `runs:/${runId}/${path}`, runId, isFile: false, whyNoFile: reason };
}

/** A directory, content-addressed: the sha256 of a JSON list of its files' paths, digests and sizes. */
async function storeManifest(
  blobs: BlobStore,
  directory: string,
  files: ArtifactEntry[],
): Promise<{ digest: string; size: number }> {
  const entries = files.map((f) => ({
    path: f.path.slice(directory.length + 1),
    digest: f.digest,
    size: f.size,
  }));
  const blob = await blobs.put(
    Readable.from([Buffer.from(JSON.stringify({ kind: 'gyre.directory', files: entries }))]),
  );
  return { digest: blob.digest, size: files.reduce((sum, f) => sum + f.size, 0) };
}

/** The whole blob, verified, in memory: ONNX files are protobuf messages (at most 2 GB) parsed whole. */
export async function readBlob(blobs: BlobStore, digest: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await blobs.open(digest)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
