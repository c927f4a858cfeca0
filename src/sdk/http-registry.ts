import { fromWireRunInfo } from '../api/wire/convert.js';
import type { WireRunInfo } from '../api/wire/schemas.js';
import type { Lineage } from '../registry/index.js';
import type { ChangeEvent } from '../store/index.js';
import { HttpModels } from './http-models.js';
import { fromWireInput } from './http-runs.js';
import type { HttpTransport } from './http-transport.js';
import { HttpVersions } from './http-versions.js';
import type { RegistryApi } from './tracking-api.js';

interface WireLineage {
  model_version: {
    name: string;
    version: number;
    uri: string;
    source: string;
    digest: string;
    run_id: string | null;
    status: string;
    creation_time: number;
  };
  run: (WireRunInfo & { params: Record<string, string> }) | null;
  inputs: {
    kind: string;
    ref: string;
    digest?: string | null;
    details?: Record<string, unknown> | null;
  }[];
}

export class HttpRegistry implements RegistryApi {
  readonly models: HttpModels;
  readonly versions: HttpVersions;

  constructor(
    private readonly http: HttpTransport,
    readonly actor: string,
  ) {
    this.models = new HttpModels(http, actor);
    this.versions = new HttpVersions(http, actor);
  }

  as(actor: string): RegistryApi {
    return new HttpRegistry(this.http, actor);
  }

  async lineage(name: string, version: number | string): Promise<Lineage> {
    const path = `/api/v1/models/${encodeURIComponent(name)}/versions/${encodeURIComponent(String(version))}/lineage`;
    const { lineage } = await this.http.json<{ lineage: WireLineage }>('GET', path);
    const v = lineage.model_version;
    return {
      modelVersion: {
        name: v.name,
        version: v.version,
        uri: v.uri,
        source: v.source,
        digest: v.digest,
        runId: v.run_id,
        status: v.status as Lineage['modelVersion']['status'],
        creationTime: v.creation_time,
      },
      run: lineage.run ? { ...fromWireRunInfo(lineage.run), params: lineage.run.params } : null,
      inputs: lineage.inputs.map(fromWireInput),
    };
  }

  async events(cursor = 0, limit = 1000): Promise<ChangeEvent[]> {
    return (
      await this.http.json<{ events: ChangeEvent[] }>('GET', '/api/v1/registry/events', {
        query: { after: cursor, limit },
      })
    ).events;
  }
}
