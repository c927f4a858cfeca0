import { invalidParameter } from '../../core/errors/index.js';

/**
 * Which version of a dataset is meant. Written as a URI — `datasets:/NAME/3`,
 * `datasets:/NAME/latest`, `datasets:/NAME@alias` — or, on the command line, as `NAME`
 * (latest), `NAME@3` (version 3) or `NAME@alias`. Aliases are never all digits, so `@3` is
 * always a version.
 */
export type DatasetRef =
  | { kind: 'version'; name: string; version: number }
  | { kind: 'latest'; name: string }
  | { kind: 'alias'; name: string; alias: string };

export const DATASET_SCHEME = 'datasets:/';

export function isDatasetUri(text: string): boolean {
  return text.startsWith(DATASET_SCHEME);
}

export function parseDatasetRef(text: string): DatasetRef {
  if (typeof text !== 'string' || text.trim() === '')
    throw invalidParameter('dataset reference must be a non-empty string');
  if (!isDatasetUri(text)) return parseShorthand(text);
  const rest = text.slice(DATASET_SCHEME.length);
  const at = rest.lastIndexOf('@');
  if (at > 0 && !rest.slice(at).includes('/'))
    return withSelector(rest.slice(0, at), rest.slice(at + 1), text);
  const slash = rest.lastIndexOf('/');
  if (slash <= 0 || slash === rest.length - 1) throw notADatasetUri(text);
  const name = rest.slice(0, slash);
  const selector = rest.slice(slash + 1);
  if (/^\d+$/.test(selector))
    return { kind: 'version', name, version: versionNumber(selector, text) };
  if (selector === 'latest') return { kind: 'latest', name };
  throw invalidParameter(
    `'${selector}' in '${text}' is neither a version number nor 'latest'; aliases are written ${DATASET_SCHEME}${name}@${selector}`,
    { reason: 'invalid_dataset_uri' },
  );
}

/** The URI that names exactly one version: what runs record as their input. */
export function datasetVersionUri(name: string, version: number): string {
  return `${DATASET_SCHEME}${name}/${version}`;
}

export function formatDatasetRef(ref: DatasetRef): string {
  if (ref.kind === 'version') return datasetVersionUri(ref.name, ref.version);
  if (ref.kind === 'latest') return `${DATASET_SCHEME}${ref.name}/latest`;
  return `${DATASET_SCHEME}${ref.name}@${ref.alias}`;
}

function parseShorthand(text: string): DatasetRef {
  if (/^[a-z][a-z0-9+.-]*:\//i.test(text))
    throw invalidParameter(
      `'${text}' is not a dataset reference: use datasets:/NAME/VERSION, datasets:/NAME@ALIAS or NAME@VERSION`,
      {
        reason: 'invalid_dataset_uri',
      },
    );
  const at = text.lastIndexOf('@');
  if (at < 0) return { kind: 'latest', name: text };
  return withSelector(text.slice(0, at), text.slice(at + 1), text);
}

function withSelector(name: string, selector: string, text: string): DatasetRef {
  if (name === '') throw notADatasetUri(text);
  if (/^\d+$/.test(selector))
    return { kind: 'version', name, version: versionNumber(selector, text) };
  if (selector === 'latest') return { kind: 'latest', name };
  if (!/^[\w-]+$/.test(selector))
    throw invalidParameter(`'${text}' names no valid alias after '@' (letters, digits, _ and -)`, {
      reason: 'invalid_dataset_uri',
    });
  return { kind: 'alias', name, alias: selector };
}

function versionNumber(digits: string, text: string): number {
  const version = Number(digits);
  if (!Number.isSafeInteger(version) || version < 1)
    throw invalidParameter(`'${text}' names version ${digits}; versions are numbered from 1`, {
      reason: 'invalid_dataset_uri',
    });
  return version;
}

function notADatasetUri(text: string) {
  return invalidParameter(
    `'${text}' is not a dataset URI; expected datasets:/NAME/VERSION, datasets:/NAME/latest or datasets:/NAME@ALIAS`,
    { reason: 'invalid_dataset_uri' },
  );
}
