import type { DatasetLineage, DatasetVersion } from '../../data/datasets/index.js';
import type { DatasetDiff } from '../../data/diff/index.js';
import type { ColumnProfile, DatasetProfile } from '../../data/profile/index.js';
import { formatBytes, formatNumber, formatTime, printTable, type Output } from '../output.js';

/** `gyre data show`: the version, one line per column with its key statistics, and lineage. */
export function printDatasetVersion(
  out: Output,
  version: DatasetVersion,
  profile: unknown,
  lineage: DatasetLineage,
): void {
  const { row_count: rows, columns } = profile as DatasetProfile;
  out.out(`${version.uri}  ${version.source}, ${formatBytes(version.size)}, ${version.format}`);
  out.out(
    `rows ${rows.toLocaleString('en-US')}, created ${formatTime(version.creationTime)} by ${version.userId}`,
  );
  out.out(`sha256 ${version.digest}`);
  if (version.aliases.length > 0) out.out(`aliases ${version.aliases.join(', ')}`);
  if (version.description) out.out(version.description);
  out.out('');
  printTable(
    out,
    ['column', 'type', 'missing', 'summary'],
    columns.map((c) => [c.name, c.type + (c.nullable ? '?' : ''), String(c.missing), summaryOf(c)]),
  );
  out.out('');
  out.out(
    lineage.runs.length === 0
      ? 'used by no run yet'
      : `used by runs ${lineage.runs.map((r) => r.runId).join(', ')}`,
  );
  if (lineage.modelVersions.length > 0)
    out.out(
      `models ${lineage.modelVersions.map((v) => `models:/${v.name}/${v.version}`).join(', ')}`,
    );
}

function summaryOf(column: ColumnProfile): string {
  switch (column.type) {
    case 'integer':
    case 'float': {
      const n = column.numeric;
      if (!n) return 'no finite values';
      return `min ${formatNumber(n.min)}, median ${formatNumber(n.quantiles.p50)}, max ${formatNumber(n.max)}, mean ${formatNumber(n.mean)}`;
    }
    case 'string': {
      const c = column.categorical;
      const top = c.top_k.slice(0, 3).map((t) => `${t.value} (${t.count})`);
      return `${c.cardinality_exact ? '' : '~'}${c.cardinality} distinct; ${top.join(', ')}`;
    }
    case 'boolean':
      return `true ${column.boolean.true_count}, false ${column.boolean.false_count}`;
    case 'datetime':
      return column.datetime ? `${column.datetime.min} … ${column.datetime.max}` : 'no values';
  }
}

/** `gyre data diff`: rows, schema changes, then per column the statistics that moved and the drift. */
export function printDiff(out: Output, diff: DatasetDiff): void {
  const { a, b, change } = diff.row_count;
  out.out(`${diff.a} → ${diff.b}`);
  out.out(
    `rows ${a.toLocaleString('en-US')} → ${b.toLocaleString('en-US')} (${change >= 0 ? '+' : ''}${change.toLocaleString('en-US')})`,
  );
  for (const s of diff.schema_changes) {
    const side = (x: { type: string; nullable: boolean } | null) =>
      x ? `${x.type}${x.nullable ? '?' : ''}` : '—';
    out.out(`schema: ${s.column} ${s.change.replace('_', ' ')} (${side(s.a)} → ${side(s.b)})`);
  }
  out.out('');
  printTable(
    out,
    ['column', 'drift', 'score', 'method', 'changes'],
    diff.columns.map((c) => [
      c.column,
      c.drift === null ? '—' : c.drift.drifted ? 'DRIFTED' : 'ok',
      c.drift === null
        ? '—'
        : c.drift.score === null
          ? 'moved (constant reference)'
          : formatNumber(c.drift.score),
      c.drift?.method ?? '—',
      c.statistics
        .filter((s) => s.a !== s.b)
        .map((s) => `${s.statistic} ${valueText(s.a)}→${valueText(s.b)}`)
        .join(', '),
    ]),
  );
}

function valueText(value: number | string | null): string {
  return typeof value === 'number' ? formatNumber(value) : (value ?? '—');
}
