import { Type, type Static } from 'typebox';
import { NextPageToken, StringMap } from './schemas.js';

export const WireDatasetVersion = Type.Object({
  name: Type.String(),
  version: Type.Integer(),
  uri: Type.String({ description: 'datasets:/name/version' }),
  digest: Type.String({ description: 'sha256 of the file, hex' }),
  size: Type.Integer({ description: 'bytes' }),
  row_count: Type.Integer(),
  format: Type.String({ description: 'csv, tsv, json, jsonl, parquet or arrow' }),
  source: Type.String({ description: 'the file name it was added from' }),
  description: Type.String(),
  user_id: Type.String(),
  creation_time: Type.Integer(),
  schema: Type.Unknown({ description: '{columns: [{name, type, nullable}]}' }),
  spec: Type.Unknown({
    description: 'the pinned types and expectations it was added with, or null',
  }),
  tags: StringMap,
  aliases: Type.Array(Type.String()),
});

export const WireDatasetSummary = Type.Object({
  name: Type.String(),
  creation_time: Type.Integer(),
  last_update_time: Type.Integer(),
  latest_version: Type.Integer(),
  version_count: Type.Integer(),
  aliases: Type.Record(Type.String(), Type.Integer()),
});

export const WireDatasetVersionList = Type.Object({
  dataset_versions: Type.Array(WireDatasetVersion),
  next_page_token: NextPageToken,
});

export const WireDatasetRef = Type.Object({ name: Type.String(), version: Type.Integer() });

export type WireDatasetVersion = Static<typeof WireDatasetVersion>;
export type WireDatasetSummary = Static<typeof WireDatasetSummary>;
