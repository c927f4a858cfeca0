import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { invalidParameter, notFound } from '../../core/errors/index.js';
import { parseModelUri, type ModelVersion } from '../../registry/index.js';

/**
 * Reads a model's verified bytes by URI: `registry.versions` (a RegistryService) fits, and so
 * does anything else that can, such as a client of a remote registry.
 */
export interface ModelReader {
  read(uri: string): Promise<{ bytes: Uint8Array; version: ModelVersion | undefined }>;
}

export type ModelSource = string | Uint8Array;

export interface ModelBytes {
  bytes: Uint8Array;
  version: ModelVersion | undefined;
  /** The URI or path it came from; undefined for bytes given directly. */
  uri: string | undefined;
  /** The registered name, the file name without `.onnx`, or `model`. */
  name: string;
}

/**
 * The bytes of a model: given directly, from a file path (or `file:` URL) read here, or from
 * the registry for `models:/…` and `runs:/…` URIs, which need `registry`.
 */
export async function readModelSource(
  source: ModelSource,
  registry: ModelReader | { versions: ModelReader } | undefined,
): Promise<ModelBytes> {
  if (source instanceof Uint8Array)
    return { bytes: source, version: undefined, uri: undefined, name: 'model' };
  const parsed = parseModelUri(source);
  if (parsed.kind === 'file') {
    const bytes = await readFile(parsed.path).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') throw notFound(`no model file at '${parsed.path}'`);
      throw invalidParameter(`cannot read model file '${parsed.path}': ${error.message}`);
    });
    return { bytes, version: undefined, uri: source, name: basename(parsed.path, '.onnx') };
  }
  if (!registry)
    throw invalidParameter(
      `loading '${source}' needs a registry: pass { registry: gyre.registry } (or a client's)`,
    );
  const reader = 'versions' in registry ? registry.versions : registry;
  const { bytes, version } = await reader.read(source);
  if (version && version.signature === null)
    throw invalidParameter(
      `${version.uri} cannot be served (${version.statusMessage || 'it has no ONNX signature'})`,
      { name: version.name, version: version.version },
    );
  return { bytes, version, uri: source, name: version?.name ?? 'model' };
}
