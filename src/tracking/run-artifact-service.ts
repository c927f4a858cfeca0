import { Readable } from 'node:stream';
import { normalizeArtifactPath, tarStream } from '../artifacts/index.js';
import { invalidParameter, notFound } from '../core/errors/index.js';
import type { ArtifactEntry } from '../store/index.js';
import type { TrackingDeps } from './tracking-deps.js';

/** One child of a listed directory (MLflow's FileInfo). */
export interface ArtifactListing {
  path: string;
  isDir: boolean;
  /** Bytes, for files. */
  size?: number;
  digest?: string;
  createdTime?: number;
}

/**
 * A run's artifact tree: normalised relative paths pointing at content-addressed blobs.
 * Uploads write the blob first and the path second; a failed path write leaves only an
 * unreferenced blob, which deduplication and garbage collection absorb.
 */
export class RunArtifactService {
  private readonly now: () => number;

  constructor(private readonly deps: TrackingDeps) {
    this.now = deps.clock ?? Date.now;
  }

  async upload(
    runId: string,
    path: string,
    content: Readable | AsyncIterable<Uint8Array>,
  ): Promise<ArtifactEntry> {
    const normalised = normalizeArtifactPath(path);
    const run = await this.deps.store.runs.get(runId);
    if (!run) throw notFound(`no run with id '${runId}'`, { run_id: runId });
    if (run.info.lifecycleStage !== 'active')
      throw invalidParameter(`run ${runId} is deleted; restore it before uploading artifacts`);
    const blob = await this.deps.blobs.put(content);
    const entry = {
      path: normalised,
      digest: blob.digest,
      size: blob.size,
      createdTime: this.now(),
    };
    await this.deps.store.runArtifacts.put(runId, entry);
    return entry;
  }

  /** Immediate children of a directory ('' is the root), directories first, then by name. */
  async list(runId: string, directory = ''): Promise<ArtifactListing[]> {
    const dir = normalizeArtifactPath(directory, { allowRoot: true });
    await this.requireRun(runId);
    const files = await this.deps.store.runArtifacts.listUnder(runId, dir);
    const prefix = dir === '' ? '' : `${dir}/`;
    const children = new Map<string, ArtifactListing>();
    for (const file of files) {
      const rest = file.path.slice(prefix.length);
      const slash = rest.indexOf('/');
      if (slash === -1) children.set(file.path, fileListing(file));
      else
        children.set(prefix + rest.slice(0, slash), {
          path: prefix + rest.slice(0, slash),
          isDir: true,
        });
    }
    if (dir !== '' && children.size === 0) {
      const file = await this.deps.store.runArtifacts.get(runId, dir);
      if (file) return [fileListing(file)];
    }
    return [...children.values()].sort(
      (a, b) => Number(b.isDir) - Number(a.isDir) || (a.path < b.path ? -1 : 1),
    );
  }

  /** Every file under a directory, recursively (a file path lists just that file). */
  async listFiles(runId: string, directory = ''): Promise<ArtifactEntry[]> {
    const dir = normalizeArtifactPath(directory, { allowRoot: true });
    await this.requireRun(runId);
    const files = await this.deps.store.runArtifacts.listUnder(runId, dir);
    if (files.length > 0 || dir === '') return files;
    const file = await this.deps.store.runArtifacts.get(runId, dir);
    return file ? [file] : [];
  }

  async open(runId: string, path: string): Promise<{ entry: ArtifactEntry; content: Readable }> {
    const normalised = normalizeArtifactPath(path);
    await this.requireRun(runId);
    const entry = await this.deps.store.runArtifacts.get(runId, normalised);
    if (!entry) {
      const under = await this.deps.store.runArtifacts.listUnder(runId, normalised);
      const hint =
        under.length > 0 ? ' (it is a directory: list it, or download it as an archive)' : '';
      throw notFound(`run ${runId} has no artifact file '${normalised}'${hint}`, {
        run_id: runId,
        path: normalised,
      });
    }
    return { entry, content: await this.deps.blobs.open(entry.digest) };
  }

  /** A tar stream of every file under a directory, paths relative to that directory. */
  async archive(
    runId: string,
    directory = '',
  ): Promise<{ files: ArtifactEntry[]; content: Readable }> {
    const dir = normalizeArtifactPath(directory, { allowRoot: true });
    const files = await this.listFiles(runId, dir);
    if (files.length === 0)
      throw notFound(`run ${runId} has no artifacts under '${dir}'`, { run_id: runId, path: dir });
    // Verify every blob before the first byte goes out: a corrupt file fails the request cleanly.
    for (const file of files) await this.deps.blobs.verify(file.digest);
    const base =
      files.length === 1 && files[0]!.path === dir
        ? dir.slice(0, dir.lastIndexOf('/') + 1)
        : dir === ''
          ? ''
          : `${dir}/`;
    const blobs = this.deps.blobs;
    async function* entries() {
      for (const file of files) {
        yield {
          name: file.path.slice(base.length),
          size: file.size,
          mtime: new Date(file.createdTime),
          content: await blobs.open(file.digest),
        };
      }
    }
    const tar = Readable.from(tarStream(entries()), { objectMode: false });
    return { files, content: tar };
  }

  private async requireRun(runId: string): Promise<void> {
    if (!(await this.deps.store.runs.get(runId)))
      throw notFound(`no run with id '${runId}'`, { run_id: runId });
  }
}

function fileListing(file: ArtifactEntry): ArtifactListing {
  return {
    path: file.path,
    isDir: false,
    size: file.size,
    digest: file.digest,
    createdTime: file.createdTime,
  };
}
