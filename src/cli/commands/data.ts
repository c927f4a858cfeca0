import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { invalidParameter } from '../../core/errors/index.js';
import { toWireDatasetSummary, toWireDatasetVersion } from '../../api/wire/dataset-convert.js';
import { validateDatasetAlias } from '../../data/datasets/index.js';
import type { TabularFormat } from '../../data/tabular/index.js';
import { collect, parseKeyValues, withClient, type CommandContext } from '../command-context.js';
import { withConfigOptions, type ConfigFlags } from '../config-options.js';
import { formatBytes, formatTime, printJson, printTable } from '../output.js';
import { ProgressLine } from '../progress.js';
import { dataCheckCommands } from './data-check.js';
import { printDatasetVersion } from './data-text.js';

type Flags = ConfigFlags & { json?: boolean };

export function dataCommand(program: Command, context: CommandContext): void {
  const data = program
    .command('data')
    .description('versioned datasets: add, list, show, validate, diff, download');
  const out = context.output;

  withConfigOptions(
    data
      .command('add <file>')
      .description(
        'add a file (CSV, TSV, JSON, JSON Lines, Parquet, Arrow) as the next version of a dataset',
      )
      .requiredOption('--name <name>', 'dataset name')
      .option('--description <text>')
      .option('--tag <key=value>', 'a version tag (repeatable)', collect)
      .option(
        '--spec <file>',
        'pinned types and expectations (JSON or YAML; docs/dataset-validation.md)',
      )
      .option('--format <format>', 'read the file as csv, tsv, json, jsonl, parquet or arrow')
      .option('--alias <alias>', 'point this alias at the version (repeatable)', collect)
      .option('--json', 'machine-readable output'),
  ).action(
    (
      file: string,
      flags: Flags & {
        name: string;
        description?: string;
        tag?: string[];
        spec?: string;
        format?: TabularFormat;
        alias?: string[];
      },
    ) =>
      withClient(flags, async (client) => {
        // Checked first: a bad alias must not leave a version behind.
        for (const alias of flags.alias ?? []) validateDatasetAlias(alias);
        const progress = new ProgressLine({ json: flags.json });
        const spec = flags.spec === undefined ? undefined : await readFile(flags.spec, 'utf8');
        const added = await client.datasets
          .add({
            file,
            name: flags.name,
            format: flags.format,
            description: flags.description,
            tags: flags.tag ? parseKeyValues(flags.tag) : undefined,
            spec,
            onProgress: ({ pass, rows, bytes }) =>
              progress.update(
                rows === undefined
                  ? `${pass}: ${formatBytes(bytes ?? 0)}`
                  : `${pass}: ${rows.toLocaleString('en-US')} rows`,
              ),
          })
          .finally(() => progress.done());
        let version = added.version;
        for (const alias of flags.alias ?? [])
          version = await client.datasets.setAlias(version.uri, alias);
        if (flags.json)
          return printJson(out, {
            dataset_version: toWireDatasetVersion(version),
            created: added.created,
            same_content: added.sameContent,
          });
        const columns = (version.schema as { columns: unknown[] }).columns.length;
        out.out(
          added.created
            ? `added ${version.uri}: ${version.rowCount.toLocaleString('en-US')} rows, ${columns} columns, ${formatBytes(version.size)} (sha256 ${version.digest.slice(0, 12)}…)`
            : `no new version: ${version.uri} already holds these bytes with this spec`,
        );
        const elsewhere = added.sameContent.filter(
          (v) => v.name !== version.name || v.version !== version.version,
        );
        if (added.created && elsewhere.length > 0)
          out.out(
            `same bytes as ${elsewhere.map((v) => `datasets:/${v.name}/${v.version}`).join(', ')}: stored once`,
          );
      }),
  );

  withConfigOptions(
    data
      .command('list [name]')
      .description('list datasets, or the versions of one dataset')
      .option('--max-results <n>', 'at most this many', Number)
      .option('--json', 'machine-readable output'),
  ).action((name: string | undefined, flags: Flags & { maxResults?: number }) =>
    withClient(flags, async (client) => {
      const query = { maxResults: flags.maxResults };
      if (name === undefined) {
        const page = await client.datasets.list(query);
        if (flags.json) return printJson(out, { datasets: page.items.map(toWireDatasetSummary) });
        return printTable(
          out,
          ['name', 'latest', 'versions', 'aliases', 'updated'],
          page.items.map((d) => [
            d.name,
            String(d.latestVersion),
            String(d.versionCount),
            Object.entries(d.aliases)
              .map(([alias, v]) => `${alias}→${v}`)
              .join(', '),
            formatTime(d.lastUpdateTime),
          ]),
        );
      }
      const page = await client.datasets.versions(name, query);
      if (flags.json)
        return printJson(out, { dataset_versions: page.items.map(toWireDatasetVersion) });
      printTable(
        out,
        ['version', 'rows', 'size', 'source', 'aliases', 'created', 'digest'],
        page.items.map((v) => [
          String(v.version),
          v.rowCount.toLocaleString('en-US'),
          formatBytes(v.size),
          v.source,
          v.aliases.join(', '),
          formatTime(v.creationTime),
          v.digest.slice(0, 12),
        ]),
      );
    }),
  );

  withConfigOptions(
    data
      .command('show <ref>')
      .description(
        'a version (datasets:/NAME/3, NAME@3, NAME@alias, NAME): schema, statistics, lineage',
      )
      .option('--profile', 'print the whole stored profile as JSON')
      .option('--json', 'machine-readable output'),
  ).action((ref: string, flags: Flags & { profile?: boolean }) =>
    withClient(flags, async (client) => {
      const { version, profile } = await client.datasets.profile(ref);
      if (flags.profile) return printJson(out, profile);
      const lineage = await client.datasets.lineage(version.uri);
      if (flags.json)
        return printJson(out, {
          dataset_version: toWireDatasetVersion(version),
          runs: lineage.runs.map((r) => r.runId),
          model_versions: lineage.modelVersions,
        });
      printDatasetVersion(out, version, profile, lineage);
    }),
  );

  withConfigOptions(
    data
      .command('download <ref>')
      .description("write a version's file (verified against its sha256)")
      .option('--out <path>', 'where to write it (default: the file name it was added from)')
      .option('--force', 'replace an existing file'),
  ).action((ref: string, flags: ConfigFlags & { out?: string; force?: boolean }) =>
    withClient(flags, async (client) => {
      const version = await client.datasets.get(ref);
      const target = flags.out ?? version.source;
      if (!flags.force && existsSync(target))
        throw invalidParameter(
          `${target} exists; pass --force to replace it, or --out another path`,
        );
      const progress = new ProgressLine({});
      await client.datasets
        .download(version.uri, target, (bytes, total) =>
          progress.update(`downloading ${formatBytes(bytes)} of ${formatBytes(total)}`),
        )
        .finally(() => progress.done());
      out.out(`wrote ${version.uri} to ${target} (${formatBytes(version.size)})`);
    }),
  );

  withConfigOptions(
    data
      .command('alias <ref> <alias>')
      .description('point an alias at a version, e.g. gyre data alias flights@3 reference')
      .option('--delete', 'remove the alias instead (ref is then the dataset name)'),
  ).action((ref: string, alias: string, flags: ConfigFlags & { delete?: boolean }) =>
    withClient(flags, async (client) => {
      if (flags.delete) {
        await client.datasets.deleteAlias(ref, alias);
        return out.out(`removed alias ${alias} of ${ref}`);
      }
      const version = await client.datasets.setAlias(ref, alias);
      out.out(`datasets:/${version.name}@${alias} → ${version.uri}`);
    }),
  );

  dataCheckCommands(data, context);
}
