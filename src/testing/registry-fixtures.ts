import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tinyAddModel } from './tiny-onnx.js';

/** Lowercase hex sha256, as the artifact store and the registry record digests. */
export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * A real, loadable ONNX model whose bytes differ per `variant` (a metadata entry), so versions
 * registered from different variants have different digests.
 */
export function tinyVariant(variant: number | string, metadata: Record<string, string> = {}) {
  return tinyAddModel({ metadata: { 'test.variant': String(variant), ...metadata } });
}

/** Writes `bytes` to `<dir>/<name>` (creating `dir`) and returns the path. */
export function writeModelFile(dir: string, name: string, bytes: Uint8Array): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/** Complete blob files under an artifact root (`sha256/ab/cd/<digest>`), by digest. */
export function storedBlobDigests(artifactRoot: string): string[] {
  const root = join(artifactRoot, 'sha256');
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name)
    .sort();
}
