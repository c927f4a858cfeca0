import { invalidParameter } from '../core/errors/index.js';
import { modelStages, type ModelStage } from '../store/index.js';

/**
 * The model URIs Gyre understands, everywhere (CLI, API, serving):
 * `models:/name/3`, `models:/name/latest`, `models:/name/Production`, `models:/name@champion`,
 * `runs:/<run_id>/path/to/model.onnx`, and a plain file path (or `file:` URL).
 */
export type ModelUri =
  | { kind: 'version'; name: string; version: number }
  | { kind: 'latest'; name: string }
  | { kind: 'stage'; name: string; stage: ModelStage }
  | { kind: 'alias'; name: string; alias: string }
  | { kind: 'run'; runId: string; path: string }
  | { kind: 'file'; path: string };

export function parseModelUri(uri: string): ModelUri {
  if (typeof uri !== 'string' || uri.trim() === '')
    throw invalidParameter('model URI must be a non-empty string');
  if (uri.startsWith('models:/')) return parseModelsUri(uri);
  if (uri.startsWith('runs:/')) {
    const match = /^runs:\/([^/]+)\/(.+)$/.exec(uri);
    if (!match) throw invalidParameter(`'${uri}' is not a run URI; expected runs:/<run_id>/<path>`);
    return { kind: 'run', runId: match[1]!, path: match[2]! };
  }
  if (uri.startsWith('file:'))
    return { kind: 'file', path: decodeURIComponent(uri.replace(/^file:(\/\/)?/, '')) };
  if (/^[a-z][a-z0-9+.-]*:\//i.test(uri)) {
    throw invalidParameter(
      `unsupported model URI scheme in '${uri}'; use models:/, runs:/ or a file path`,
    );
  }
  return { kind: 'file', path: uri };
}

function parseModelsUri(uri: string): ModelUri {
  const rest = uri.slice('models:/'.length);
  const at = rest.lastIndexOf('@');
  if (at > 0 && !rest.slice(at).includes('/')) {
    const alias = rest.slice(at + 1);
    if (!/^[\w-]+$/.test(alias)) {
      throw invalidParameter(`'${uri}' names no valid alias after '@' (letters, digits, _ and -)`);
    }
    return { kind: 'alias', name: rest.slice(0, at), alias };
  }
  const slash = rest.lastIndexOf('/');
  if (slash <= 0 || slash === rest.length - 1) {
    throw invalidParameter(
      `'${uri}' is not a model URI; expected models:/<name>/<version|latest|stage> or models:/<name>@<alias>`,
    );
  }
  const name = rest.slice(0, slash);
  const ref = rest.slice(slash + 1);
  if (/^\d+$/.test(ref)) return { kind: 'version', name, version: Number(ref) };
  if (ref.toLowerCase() === 'latest') return { kind: 'latest', name };
  const stage = modelStages.find((s) => s.toLowerCase() === ref.toLowerCase());
  if (stage) return { kind: 'stage', name, stage };
  throw invalidParameter(
    `'${ref}' in '${uri}' is neither a version number, 'latest', nor a stage (${modelStages.join(', ')}); aliases are written models:/${name}@${ref}`,
  );
}

export function formatModelUri(name: string, version: number): string {
  return `models:/${name}/${version}`;
}
