import { invalidParameter, notFound } from '../core/errors/index.js';
import { decodePageToken, resolveMaxResults, toPage } from '../core/paging/index.js';
import {
  modelStages,
  modelVersionFilterSchema,
  parseFilter,
  parseOrderBy,
  type Page,
  type ViewType,
} from '../store/index.js';
import type { TrackingDeps } from '../tracking/index.js';
import { validateKey, validateTags, validateText } from '../tracking/validate.js';
import { validateView } from '../tracking/view.js';
import { checkModelBytes } from './model-contents.js';
import { readBlob, storeSource, type VersionSource } from './model-source.js';
import { parseModelUri, type ModelUri } from './model-uri.js';
import { toModelVersion, type ModelVersion } from './model-version.js';
import { validateAlias, validateModelName, validateVersion } from './names.js';

export interface RegisterVersionInput {
  name: string;
  source: VersionSource;
  /** Links the version to a run; inferred from a `runs:/` source. */
  runId?: string;
  description?: string;
  tags?: Record<string, string>;
  /** Aliases to point at the new version once it is registered. */
  aliases?: string[];
  /** Override or supply what `gyre.features` / `gyre.classes` metadata would say. */
  featureSchema?: unknown;
  classLabels?: unknown;
  /**
   * MLflow compatibility: keep a version whose files are not a loadable ONNX model (or live
   * outside Gyre), READY but marked "not servable: <why>" in its status message.
   */
  acceptNonOnnx?: boolean;
  /** Record this text as the version's source instead of Gyre's own form (MLflow echoes it). */
  recordSourceAs?: string;
}

export interface VersionSearch {
  /** e.g. `name = 'fraud' and run_id = '…'`, `tags.validated = 'yes'`, `version > 3` */
  filter?: string;
  orderBy?: string[];
  view?: ViewType;
  maxResults?: number;
  pageToken?: string;
}

const DESCRIPTION_LIMIT = 5000;
const TAG_VALUE_LIMIT = 5000;

/** Model versions: registration (validated twice), lookup by URI, stages, tags, deletion. */
export class VersionService {
  private readonly now: () => number;

  constructor(
    private readonly deps: TrackingDeps,
    readonly actor: string,
  ) {
    this.now = deps.clock ?? Date.now;
  }

  /**
   * Stores the bytes, checks they are an ONNX model (it parses, and onnxruntime can load it),
   * extracts the signature, then records the version READY. A file that fails either check is
   * INVALID_PARAMETER_VALUE with the reason, and no version is created.
   */
  async register(input: RegisterVersionInput): Promise<ModelVersion> {
    const name = validateModelName(input.name);
    const aliases = (input.aliases ?? []).map(validateAlias);
    const description =
      input.description === undefined
        ? ''
        : validateText('description', input.description, DESCRIPTION_LIMIT);
    const tags = validateTags('version tags', input.tags);
    const acceptNonOnnx = input.acceptNonOnnx ?? false;
    const source = input.source;
    if ('external' in source && !acceptNonOnnx)
      throw invalidParameter('an external model source can only be recorded with acceptNonOnnx');
    const parsed =
      'upload' in source
        ? { kind: 'upload' as const, content: source.upload, fileName: source.fileName }
        : 'external' in source
          ? { kind: 'external' as const, uri: source.external }
          : parseModelUri(source.uri);
    const stored = await storeSource(this.deps, parsed, (uri) => this.resolveUri(uri), {
      acceptDirectories: acceptNonOnnx,
    });
    const bytes = stored.isFile ? await readBlob(this.deps.blobs, stored.digest) : undefined;
    const checked = await checkModelBytes(bytes, input, {
      acceptNonOnnx,
      whyNoBytes: stored.whyNoFile,
    });
    const runId = input.runId ?? stored.runId;
    if (runId !== null && !(await this.deps.store.runs.get(runId)))
      throw notFound(`no run with id '${runId}'`, { run_id: runId });
    const record = await this.deps.store.modelVersions.create(
      {
        name,
        source: input.recordSourceAs ?? stored.source,
        runId,
        status: 'READY',
        statusMessage: checked.notServable,
        description,
        userId: this.actor,
        digest: stored.digest,
        size: stored.size,
        signature: checked.signature,
        featureSchema: checked.featureSchema,
        classLabels: checked.classLabels,
        modelInfo: checked.modelInfo,
        tags,
      },
      this.change(),
    );
    for (const alias of aliases)
      await this.deps.store.modelAliases.set(name, alias, record.version, this.change());
    return aliases.length > 0 ? this.get(name, record.version) : toModelVersion(record);
  }

  /** A version by number, or `'latest'` for the highest active one. */
  async get(name: string, version: number | string): Promise<ModelVersion> {
    if (typeof version === 'string' && version.toLowerCase() === 'latest')
      return this.byUri({ kind: 'latest', name });
    const number = validateVersion(version);
    const record = await this.deps.store.modelVersions.get(name, number);
    if (!record)
      throw notFound(`registered model '${name}' has no version ${number}`, {
        name,
        version: number,
      });
    return toModelVersion(record);
  }

  /** The version a `models:/…` URI names (deleted versions never resolve). */
  async resolve(uri: string): Promise<ModelVersion> {
    const parsed = parseModelUri(uri);
    if (parsed.kind === 'run' || parsed.kind === 'file') {
      throw invalidParameter(
        `'${uri}' is not a registered model URI; use models:/<name>/<version>, models:/<name>@<alias> or models:/<name>/latest`,
      );
    }
    return this.byUri(parsed);
  }

  async search(query: VersionSearch = {}): Promise<Page<ModelVersion>> {
    const view = validateView(query.view);
    const filter = parseFilter(query.filter, modelVersionFilterSchema);
    const orderBy = parseOrderBy(query.orderBy, modelVersionFilterSchema);
    const limit = resolveMaxResults(query.maxResults);
    const fingerprint = {
      kind: 'versions',
      view,
      filter: query.filter ?? '',
      orderBy: query.orderBy ?? [],
    };
    const offset = decodePageToken(query.pageToken, fingerprint);
    const page = toPage(
      await this.deps.store.modelVersions.search({ view, filter, orderBy, offset, limit }),
      offset,
      limit,
      fingerprint,
    );
    return { items: page.items.map(toModelVersion), nextPageToken: page.nextPageToken };
  }

  async update(
    name: string,
    version: number | string,
    update: { description?: string },
  ): Promise<ModelVersion> {
    const description =
      update.description === undefined
        ? undefined
        : validateText('description', update.description, DESCRIPTION_LIMIT);
    return toModelVersion(
      await this.deps.store.modelVersions.update(
        name,
        validateVersion(version),
        { description },
        this.change(),
      ),
    );
  }

  async setTag(name: string, version: number | string, key: string, value: string): Promise<void> {
    validateKey('tag', key);
    return this.deps.store.modelVersions.setTag(
      name,
      validateVersion(version),
      key,
      validateText(`tag '${key}' value`, value, TAG_VALUE_LIMIT),
      this.change(),
    );
  }

  async deleteTag(name: string, version: number | string, key: string): Promise<void> {
    return this.deps.store.modelVersions.deleteTag(
      name,
      validateVersion(version),
      validateKey('tag', key),
      this.change(),
    );
  }

  async transitionStage(
    name: string,
    version: number | string,
    stage: string,
    options: { archiveExistingVersions?: boolean } = {},
  ): Promise<ModelVersion> {
    const target = modelStages.find((s) => s.toLowerCase() === String(stage).toLowerCase());
    if (!target)
      throw invalidParameter(
        `stage must be one of ${modelStages.join(', ')}, got ${JSON.stringify(stage)}`,
      );
    const record = await this.deps.store.modelVersions.transitionStage(
      name,
      validateVersion(version),
      target,
      options.archiveExistingVersions ?? false,
      this.change(),
    );
    return toModelVersion(record);
  }

  /** Soft delete; if aliases point at it, `force` is needed and removes them (the error names them). */
  async delete(
    name: string,
    version: number | string,
    options: { force?: boolean } = {},
  ): Promise<{ aliases: string[] }> {
    return this.deps.store.modelVersions.delete(
      name,
      validateVersion(version),
      { force: options.force ?? false },
      this.change(),
    );
  }

  /** The model file's bytes, verified against their sha256, for any model URI. */
  async read(uri: string): Promise<{ bytes: Buffer; version: ModelVersion | undefined }> {
    const parsed = parseModelUri(uri);
    if (parsed.kind === 'file' || parsed.kind === 'run') {
      const stored = await storeSource(this.deps, parsed, (u) => this.resolveUri(u));
      return { bytes: await readBlob(this.deps.blobs, stored.digest), version: undefined };
    }
    const version = await this.byUri(parsed);
    return { bytes: await readBlob(this.deps.blobs, version.digest), version };
  }

  private async byUri(uri: Exclude<ModelUri, { kind: 'run' | 'file' }>): Promise<ModelVersion> {
    const versions = this.deps.store.modelVersions;
    switch (uri.kind) {
      case 'version':
        return this.get(uri.name, uri.version);
      case 'latest': {
        const latest = await versions.latest(uri.name);
        if (!latest)
          throw notFound(`registered model '${uri.name}' has no versions`, { name: uri.name });
        return toModelVersion(latest);
      }
      case 'stage': {
        const latest = await versions.latest(uri.name, uri.stage);
        if (!latest)
          throw notFound(`registered model '${uri.name}' has no version in stage ${uri.stage}`, {
            name: uri.name,
          });
        return toModelVersion(latest);
      }
      case 'alias': {
        const version = await this.deps.store.modelAliases.get(uri.name, uri.alias);
        if (version === undefined)
          throw notFound(`registered model '${uri.name}' has no alias '${uri.alias}'`, {
            name: uri.name,
            alias: uri.alias,
          });
        return this.get(uri.name, version);
      }
    }
  }

  private async resolveUri(uri: ModelUri) {
    const version = await this.byUri(uri as Exclude<ModelUri, { kind: 'run' | 'file' }>);
    return { digest: version.digest, size: version.size, runId: version.runId, uri: version.uri };
  }

  private change() {
    return { now: this.now(), actor: this.actor };
  }
}
