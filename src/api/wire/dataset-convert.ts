import type { DatasetVersion } from '../../data/datasets/index.js';
import type { DatasetSummary } from '../../store/index.js';
import type { WireDatasetSummary, WireDatasetVersion } from './dataset-schemas.js';

export function toWireDatasetVersion(v: DatasetVersion): WireDatasetVersion {
  return {
    name: v.name,
    version: v.version,
    uri: v.uri,
    digest: v.digest,
    size: v.size,
    row_count: v.rowCount,
    format: v.format,
    source: v.source,
    description: v.description,
    user_id: v.userId,
    creation_time: v.creationTime,
    schema: v.schema,
    spec: v.spec,
    tags: v.tags,
    aliases: v.aliases,
  };
}

export function fromWireDatasetVersion(w: WireDatasetVersion): DatasetVersion {
  return {
    name: w.name,
    version: w.version,
    uri: w.uri,
    digest: w.digest,
    size: w.size,
    rowCount: w.row_count,
    format: w.format,
    source: w.source,
    description: w.description,
    userId: w.user_id,
    creationTime: w.creation_time,
    schema: w.schema,
    spec: w.spec,
    tags: w.tags,
    aliases: w.aliases,
  };
}

export function toWireDatasetSummary(s: DatasetSummary): WireDatasetSummary {
  return {
    name: s.name,
    creation_time: s.creationTime,
    last_update_time: s.lastUpdateTime,
    latest_version: s.latestVersion,
    version_count: s.versionCount,
    aliases: s.aliases,
  };
}

export function fromWireDatasetSummary(w: WireDatasetSummary): DatasetSummary {
  return {
    name: w.name,
    creationTime: w.creation_time,
    lastUpdateTime: w.last_update_time,
    latestVersion: w.latest_version,
    versionCount: w.version_count,
    aliases: w.aliases,
  };
}
