import type { Command } from 'commander';
import { toWireAudit, toWireModel, toWireVersion } from '../../api/wire/registry-convert.js';
import type { ModelVersion } from '../../registry/index.js';
import { quoteFilterString, type ViewType } from '../../store/index.js';
import type { GyreClient } from '../../sdk/index.js';
import { collect, parseKeyValues, withClient, type CommandContext } from '../command-context.js';
import { withConfigOptions, type ConfigFlags } from '../config-options.js';
import { formatBytes, formatTime, printJson, printTable } from '../output.js';
import { describeSignature } from '../signature-text.js';

type Flags = ConfigFlags & { json?: boolean };

/** `name`, `name/3`, `name/latest`, `name@alias` or a `models:/` URI, as the CLI accepts them. */
export function versionUri(ref: string): string | undefined {
  if (ref.startsWith('models:/')) return ref;
  if (/@[\w-]+$/.test(ref) || /\/(\d+|latest)$/i.test(ref)) return `models:/${ref}`;
  return undefined;
}

export function modelsCommand(program: Command, context: CommandContext): void {
  const models = program
    .command('models')
    .description('register ONNX models, move aliases, read history and lineage');
  const out = context.output;

  withConfigOptions(
    models
      .command('register <source>')
      .description(
        'register an ONNX file, runs:/<run>/<path> or models:/… as a new version (creates the model if needed)',
      )
      .requiredOption('--name <name>', 'registered model name')
      .option('--alias <alias>', 'point this alias at the new version (repeatable)', collect)
      .option('--description <text>')
      .option('--tag <key=value>', 'a version tag (repeatable)', collect)
      .option('--run-id <id>', 'link the version to a run (inferred from runs:/ sources)')
      .option('--json', 'machine-readable output'),
  ).action(
    (
      source: string,
      flags: Flags & {
        name: string;
        alias?: string[];
        description?: string;
        tag?: string[];
        runId?: string;
      },
    ) =>
      withClient(flags, async (client) => {
        const version = await client.registry.versions.register({
          name: flags.name,
          source: { uri: source },
          aliases: flags.alias,
          description: flags.description,
          tags: flags.tag ? parseKeyValues(flags.tag) : undefined,
          runId: flags.runId,
        });
        if (flags.json) return printJson(out, { model_version: toWireVersion(version) });
        const aliases =
          version.aliases.length > 0 ? ` (aliases: ${version.aliases.join(', ')})` : '';
        out.out(
          `registered ${version.uri}${aliases}: ${formatBytes(version.size)}, sha256 ${version.digest.slice(0, 12)}`,
        );
        for (const line of describeSignature(version)) out.out(`  ${line}`);
      }),
  );

  withConfigOptions(
    models
      .command('list')
      .description('list registered models')
      .option('--filter <filter>', 'e.g. "name LIKE \'fraud%\'"')
      .option('--view <view>', 'ACTIVE_ONLY, DELETED_ONLY or ALL', 'ACTIVE_ONLY')
      .option('--json', 'machine-readable output'),
  ).action((flags: Flags & { filter?: string; view: string }) =>
    withClient(flags, async (client) => {
      const page = await client.registry.models.search({
        filter: flags.filter,
        view: flags.view as ViewType,
      });
      if (flags.json)
        return printJson(out, {
          models: page.items.map(toWireModel),
          next_page_token: page.nextPageToken ?? null,
        });
      printTable(
        out,
        ['NAME', 'LATEST', 'ALIASES', 'UPDATED', 'DESCRIPTION'],
        page.items.map((m) => [
          m.name,
          m.latestVersion === null ? '-' : String(m.latestVersion),
          Object.entries(m.aliases)
            .map(([alias, v]) => `${alias}→${v}`)
            .join(' '),
          formatTime(m.lastUpdateTime),
          m.description.slice(0, 60),
        ]),
      );
    }),
  );

  withConfigOptions(
    models
      .command('show <ref>')
      .description(
        'a model and its versions (NAME), or one version (NAME/3, NAME@alias, models:/…)',
      )
      .option('--json'),
  ).action((ref: string, flags: Flags) =>
    withClient(flags, (client) => show(client, ref, flags, context)),
  );

  const alias = models.command('alias').description('point aliases at versions');
  withConfigOptions(
    alias
      .command('set <name> <alias> <version>')
      .description('point ALIAS at VERSION (moves it if set)'),
  ).action((name: string, aliasName: string, version: string, flags: Flags) =>
    withClient(flags, async (client) => {
      const before = (await client.registry.models.get(name)).aliases[aliasName];
      await client.registry.models.setAlias(name, aliasName, version);
      out.out(
        before === undefined
          ? `${name}@${aliasName} → ${version}`
          : `${name}@${aliasName} moved ${before} → ${version}`,
      );
    }),
  );
  withConfigOptions(alias.command('rm <name> <alias>').description('delete an alias')).action(
    (name: string, aliasName: string, flags: Flags) =>
      withClient(flags, async (client) => {
        await client.registry.models.deleteAlias(name, aliasName);
        out.out(`deleted alias ${name}@${aliasName}`);
      }),
  );

  withConfigOptions(
    models
      .command('history <name>')
      .description('audit trail: who changed what, when, from → to')
      .option('--json'),
  ).action((name: string, flags: Flags) =>
    withClient(flags, async (client) => {
      const page = await client.registry.models.history(name, { maxResults: 1000 });
      if (flags.json) return printJson(out, { entries: page.items.map(toWireAudit) });
      printTable(
        out,
        ['TIME', 'ACTOR', 'ACTION', 'VERSION', 'SUBJECT', 'CHANGE'],
        page.items.map((e) => [
          formatTime(e.time),
          e.actor,
          e.action,
          e.version === null ? '' : String(e.version),
          e.subject ?? '',
          `${JSON.stringify(e.oldValue ?? null)} → ${JSON.stringify(e.newValue ?? null)}`,
        ]),
      );
    }),
  );

  withConfigOptions(
    models
      .command('lineage <ref>')
      .description('version → run → inputs, for NAME/VERSION')
      .option('--json'),
  ).action((ref: string, flags: Flags) =>
    withClient(flags, async (client) => {
      const version = await client.registry.versions.resolve(
        versionUri(ref) ?? `models:/${ref}/latest`,
      );
      const lineage = await client.registry.lineage(version.name, version.version);
      if (flags.json) return printJson(out, { lineage });
      out.out(
        `${lineage.modelVersion.uri}  sha256 ${lineage.modelVersion.digest.slice(0, 12)}  from ${lineage.modelVersion.source}`,
      );
      if (!lineage.run) return out.out('  run: none recorded');
      out.out(
        `  run ${lineage.run.runId} '${lineage.run.runName}' (experiment ${lineage.run.experimentId}, ${lineage.run.status})`,
      );
      if (lineage.inputs.length === 0) out.out('    inputs: none recorded');
      for (const input of lineage.inputs)
        out.out(
          `    ${input.kind}: ${input.ref}${input.digest ? `  (${input.digest.slice(0, 19)})` : ''}`,
        );
    }),
  );

  withConfigOptions(
    models
      .command('delete <ref>')
      .description('soft-delete a model (NAME) or a version (NAME/3)')
      .option('--force', 'also delete its versions and aliases / the aliases pointing at it'),
  ).action((ref: string, flags: Flags & { force?: boolean }) =>
    withClient(flags, async (client) => {
      const uri = versionUri(ref);
      if (!uri) {
        const deleted = await client.registry.models.delete(ref, { force: flags.force });
        return out.out(
          `deleted model '${ref}' with ${deleted.versions.length} version(s) and ${deleted.aliases.length} alias(es)`,
        );
      }
      const version = await client.registry.versions.resolve(uri);
      const deleted = await client.registry.versions.delete(version.name, version.version, {
        force: flags.force,
      });
      out.out(
        `deleted ${version.uri}${deleted.aliases.length > 0 ? ` and alias(es) ${deleted.aliases.join(', ')}` : ''}`,
      );
    }),
  );

  withConfigOptions(
    models
      .command('stage <ref> <stage>')
      .description('move NAME/VERSION to None, Staging, Production or Archived (MLflow stages)')
      .option('--archive-existing', 'archive the versions already in that stage'),
  ).action((ref: string, stage: string, flags: Flags & { archiveExisting?: boolean }) =>
    withClient(flags, async (client) => {
      const version = await client.registry.versions.resolve(versionUri(ref) ?? ref);
      const moved = await client.registry.versions.transitionStage(
        version.name,
        version.version,
        stage,
        { archiveExistingVersions: flags.archiveExisting },
      );
      out.out(`${moved.uri} is now in ${moved.stage}`);
    }),
  );
}

async function show(
  client: GyreClient,
  ref: string,
  flags: Flags,
  context: CommandContext,
): Promise<void> {
  const out = context.output;
  const uri = versionUri(ref);
  if (uri) {
    const version = await client.registry.versions.resolve(uri);
    if (flags.json) return printJson(out, { model_version: toWireVersion(version) });
    return printVersion(version, context);
  }
  const model = await client.registry.models.get(ref);
  const versions = await client.registry.versions.search({
    filter: `name = ${quoteFilterString(ref)}`,
    maxResults: 1000,
  });
  if (flags.json)
    return printJson(out, {
      model: toWireModel(model),
      model_versions: versions.items.map(toWireVersion),
    });
  out.out(`model '${model.name}'${model.description ? `: ${model.description}` : ''}`);
  out.out(
    `  created ${formatTime(model.creationTime)}, updated ${formatTime(model.lastUpdateTime)}`,
  );
  if (Object.keys(model.tags).length > 0)
    out.out(
      `  tags: ${Object.entries(model.tags)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}`,
    );
  printTable(
    out,
    ['VERSION', 'STATUS', 'STAGE', 'ALIASES', 'SIZE', 'CREATED', 'SOURCE'],
    versions.items.map((v) => [
      String(v.version),
      v.status,
      v.stage,
      v.aliases.join(' '),
      formatBytes(v.size),
      formatTime(v.creationTime),
      v.source,
    ]),
  );
}

function printVersion(version: ModelVersion, context: CommandContext): void {
  const out = context.output;
  const lines = [
    `${version.uri}  ${version.status}${version.statusMessage ? ` (${version.statusMessage})` : ''}`,
    `  stage ${version.stage}${version.aliases.length > 0 ? `, aliases ${version.aliases.join(', ')}` : ''}`,
    `  source ${version.source}${version.runId ? `  run ${version.runId}` : ''}`,
    `  ${formatBytes(version.size)}, sha256 ${version.digest}`,
    `  created ${formatTime(version.creationTime)} by ${version.userId}`,
  ];
  if (version.onnx) {
    const opsets = version.onnx.opsets
      .map((o) => `${o.domain || 'ai.onnx'} ${o.version}`)
      .join(', ');
    lines.push(
      `  onnx: ir ${version.onnx.irVersion}, opsets ${opsets}, producer ${version.onnx.producerName || '-'} ${version.onnx.producerVersion}`,
    );
  }
  for (const line of [...lines, ...describeSignature(version).map((l) => `  ${l}`)]) out.out(line);
  if (version.classLabels) out.out(`  classes: ${version.classLabels.join(', ')}`);
  if (version.featureSchema)
    out.out(`  features: ${version.featureSchema.map((f) => `${f.name} (${f.type})`).join(', ')}`);
}
