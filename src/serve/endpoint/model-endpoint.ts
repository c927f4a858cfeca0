/** A loaded model version the endpoint can serve and later retire. */
export interface ServableModel {
  /** Releases the model once the requests already running on it have finished. */
  close(): Promise<void>;
}

export interface ModelEndpointDeps<M extends ServableModel> {
  /** The version the followed URI names now (null for a file: never reloads). */
  resolveVersion(uri: string): Promise<number | null>;
  /** The registered version a loaded model is, null for a file. */
  versionOf(model: M): number | null;
  /** Loads and warms exactly this version (`version` null: the URI as it is). */
  load(uri: string, version: number | null): Promise<M>;
  onSwitch?(from: M, to: M): void;
  /** The new version could not be loaded: the old one keeps serving. */
  onReloadFailed?(error: unknown, version: number | null): void;
}

export type RefreshOutcome = 'unchanged' | 'switched' | 'failed' | 'closed';

/**
 * Serves one model URI (`models:/churn@champion`, `models:/churn/latest`, a file) and follows it:
 * `refresh` resolves the URI again and, when it names another version, loads and warms that one
 * *before* switching, so no request waits for a cold model; requests already running finish on
 * the old version, which is closed after them. A version that fails to load leaves the old one
 * serving. Refreshes run one at a time; a burst of registry events costs at most one extra check.
 */
export class ModelEndpoint<M extends ServableModel> {
  private model: M;
  private refreshing: Promise<RefreshOutcome> | undefined;
  private again = false;
  private closed = false;

  private constructor(
    readonly uri: string,
    first: M,
    private readonly deps: ModelEndpointDeps<M>,
  ) {
    this.model = first;
  }

  static async open<M extends ServableModel>(
    uri: string,
    deps: ModelEndpointDeps<M>,
  ): Promise<ModelEndpoint<M>> {
    const version = await deps.resolveVersion(uri);
    return new ModelEndpoint(uri, await deps.load(uri, version), deps);
  }

  /** The version serving now; take it once per request. */
  get current(): M {
    return this.model;
  }

  /** Checks the URI again and switches when it names another version. */
  refresh(): Promise<RefreshOutcome> {
    if (this.refreshing) {
      this.again = true;
      return this.refreshing;
    }
    this.refreshing = this.refreshLoop().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async refreshLoop(): Promise<RefreshOutcome> {
    let outcome: RefreshOutcome;
    do {
      this.again = false;
      outcome = await this.refreshOnce();
    } while (this.again && !this.closed);
    return outcome;
  }

  private async refreshOnce(): Promise<RefreshOutcome> {
    if (this.closed) return 'closed';
    let version: number | null;
    try {
      version = await this.deps.resolveVersion(this.uri);
    } catch (error) {
      // The alias was deleted, or the store is unreachable: keep serving what we have.
      this.deps.onReloadFailed?.(error, null);
      return 'failed';
    }
    if (version === null || version === this.deps.versionOf(this.model)) return 'unchanged';
    let next: M;
    try {
      next = await this.deps.load(this.uri, version);
    } catch (error) {
      this.deps.onReloadFailed?.(error, version);
      return 'failed';
    }
    if (this.closed) {
      await next.close();
      return 'closed';
    }
    const previous = this.model;
    this.model = next;
    this.deps.onSwitch?.(previous, next);
    await previous.close();
    return 'switched';
  }

  /** Stops following and closes the serving version after its running requests. */
  async close(): Promise<void> {
    this.closed = true;
    await this.refreshing;
    await this.model.close();
  }
}
