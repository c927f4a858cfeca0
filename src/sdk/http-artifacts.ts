import { Readable } from 'node:stream';
import { fromWireArtifactEntry, fromWireListing } from '../api/wire/convert.js';
import { normalizeArtifactPath } from '../artifacts/index.js';
import type { WireArtifactEntry, WireArtifactListing } from '../api/wire/schemas.js';
import type { ArtifactEntry } from '../store/index.js';
import type { ArtifactListing } from '../tracking/index.js';
import type { HttpTransport } from './http-transport.js';
import type { ArtifactsApi } from './tracking-api.js';

const base = (runId: string) => `/api/v1/runs/${encodeURIComponent(runId)}/artifacts`;
/**
 * Normalised here, before it becomes a URL: `fetch` would resolve `..` segments itself and send
 * the request somewhere else instead of letting the server refuse it.
 */
const encodePath = (path: string) =>
  normalizeArtifactPath(path).split('/').map(encodeURIComponent).join('/');
const encodeDirectory = (path: string) => normalizeArtifactPath(path, { allowRoot: true });

export class HttpArtifacts implements ArtifactsApi {
  constructor(private readonly http: HttpTransport) {}

  async upload(
    runId: string,
    path: string,
    content: Readable | AsyncIterable<Uint8Array>,
  ): Promise<ArtifactEntry> {
    const stream = content instanceof Readable ? content : Readable.from(content);
    const reply = await this.http.json<{ artifact: WireArtifactEntry }>(
      'PUT',
      `${base(runId)}/content/${encodePath(path)}`,
      { stream },
    );
    return fromWireArtifactEntry(reply.artifact);
  }

  async list(runId: string, directory = ''): Promise<ArtifactListing[]> {
    const reply = await this.http.json<{ files: WireArtifactListing[] }>('GET', base(runId), {
      query: { path: encodeDirectory(directory) },
    });
    return reply.files.map(fromWireListing);
  }

  async listFiles(runId: string, directory = ''): Promise<ArtifactEntry[]> {
    const reply = await this.http.json<{ files: WireArtifactListing[] }>('GET', base(runId), {
      query: { path: encodeDirectory(directory), recursive: true },
    });
    return reply.files.map((file) => ({
      path: file.path,
      digest: file.digest ?? '',
      size: file.file_size ?? 0,
      createdTime: file.created_time ?? 0,
    }));
  }

  async open(runId: string, path: string): Promise<{ entry: ArtifactEntry; content: Readable }> {
    const { headers, body } = await this.http.stream(
      'GET',
      `${base(runId)}/content/${encodePath(path)}`,
    );
    const entry = {
      path: normalizeArtifactPath(path),
      digest: (headers.get('x-gyre-digest') ?? '').replace(/^sha256:/, ''),
      size: Number(headers.get('content-length') ?? 0),
      createdTime: Number(headers.get('x-gyre-created-time') ?? 0),
    };
    return { entry, content: body };
  }

  async archive(
    runId: string,
    directory = '',
  ): Promise<{ files: ArtifactEntry[]; content: Readable }> {
    const files = await this.listFiles(runId, directory);
    const { body } = await this.http.stream('GET', `${base(runId)}/archive`, {
      query: { path: encodeDirectory(directory) },
    });
    return { files, content: body };
  }
}
