import type { DatasetProfile } from '../profile/index.js';
import type { DatasetSchema } from '../schema/index.js';
import { columnDrift } from './column-drift.js';
import { statisticChanges } from './column-statistics.js';
import type { DatasetDiff, SchemaChange } from './dataset-diff.js';

export interface DiffSide {
  /** How the side is named in the diff, e.g. `datasets:/flights/2`. */
  uri: string;
  schema: DatasetSchema;
  profile: DatasetProfile;
}

/**
 * Compares two versions from their stored schemas and profiles alone: neither file is read.
 */
export function diffProfiles(a: DiffSide, b: DiffSide): DatasetDiff {
  const rowsA = a.profile.row_count;
  const rowsB = b.profile.row_count;
  const profilesA = new Map(a.profile.columns.map((c) => [c.name, c]));
  const columns: DatasetDiff['columns'] = [];
  for (const after of b.profile.columns) {
    const before = profilesA.get(after.name);
    if (!before) continue;
    columns.push({
      column: after.name,
      type: { a: before.type, b: after.type },
      statistics: statisticChanges(before, rowsA, after, rowsB),
      drift: columnDrift(before, after),
    });
  }
  return {
    a: a.uri,
    b: b.uri,
    row_count: { a: rowsA, b: rowsB, change: rowsB - rowsA },
    schema_changes: schemaChanges(a.schema, b.schema),
    columns,
    drifted_columns: columns.filter((c) => c.drift?.drifted).map((c) => c.column),
  };
}

function schemaChanges(a: DatasetSchema, b: DatasetSchema): SchemaChange[] {
  const before = new Map(a.columns.map((c) => [c.name, c]));
  const after = new Map(b.columns.map((c) => [c.name, c]));
  const changes: SchemaChange[] = [];
  for (const column of a.columns) {
    if (!after.has(column.name))
      changes.push({
        column: column.name,
        change: 'removed',
        a: { type: column.type, nullable: column.nullable },
        b: null,
      });
  }
  for (const column of b.columns) {
    const old = before.get(column.name);
    const now = { type: column.type, nullable: column.nullable };
    if (!old) changes.push({ column: column.name, change: 'added', a: null, b: now });
    else if (old.type !== column.type || old.nullable !== column.nullable)
      changes.push({
        column: column.name,
        change: old.type !== column.type ? 'type_changed' : 'nullability_changed',
        a: { type: old.type, nullable: old.nullable },
        b: now,
      });
  }
  return changes;
}
