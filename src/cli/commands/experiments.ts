import type { Command } from 'commander';
import { toWireExperiment } from '../../api/wire/convert.js';
import type { ViewType } from '../../store/index.js';
import { collect, parseKeyValues, withClient, type CommandContext } from '../command-context.js';
import { withConfigOptions, type ConfigFlags } from '../config-options.js';
import { formatTime, printJson, printTable } from '../output.js';

type Flags = ConfigFlags & { json?: boolean };

export function experimentsCommand(program: Command, context: CommandContext): void {
  const experiments = program
    .command('experiments')
    .description('create, list and delete experiments');

  withConfigOptions(
    experiments
      .command('list')
      .description('list experiments (newest first)')
      .option('--view <view>', 'ACTIVE_ONLY, DELETED_ONLY or ALL', 'ACTIVE_ONLY')
      .option('--filter <filter>', 'e.g. "name LIKE \'fraud%\'"')
      .option('--max-results <n>', 'at most this many', (v) => Number(v))
      .option('--json', 'machine-readable output'),
  ).action((flags: Flags & { view: string; filter?: string; maxResults?: number }) =>
    withClient(flags, async (client) => {
      const page = await client.experiments.search({
        view: flags.view as ViewType,
        filter: flags.filter,
        maxResults: flags.maxResults,
      });
      if (flags.json)
        return printJson(context.output, {
          experiments: page.items.map(toWireExperiment),
          next_page_token: page.nextPageToken ?? null,
        });
      printTable(
        context.output,
        ['ID', 'NAME', 'STAGE', 'CREATED', 'TAGS'],
        page.items.map((e) => [
          e.experimentId,
          e.name,
          e.lifecycleStage,
          formatTime(e.creationTime),
          Object.entries(e.tags)
            .map(([k, v]) => `${k}=${v}`)
            .join(' '),
        ]),
      );
      if (page.nextPageToken)
        context.output.out('(more experiments exist; use --max-results or --filter)');
    }),
  );

  withConfigOptions(
    experiments
      .command('create <name>')
      .description('create an experiment')
      .option('--tag <key=value>', 'a tag (repeatable)', collect)
      .option('--json', 'machine-readable output'),
  ).action((name: string, flags: Flags & { tag?: string[] }) =>
    withClient(flags, async (client) => {
      const experiment = await client.experiments.create({ name, tags: parseKeyValues(flags.tag) });
      if (flags.json)
        return printJson(context.output, { experiment: toWireExperiment(experiment) });
      context.output.out(`created experiment ${experiment.experimentId} '${experiment.name}'`);
    }),
  );

  withConfigOptions(
    experiments
      .command('delete <idOrName>')
      .description('soft-delete an experiment and its runs (restore undoes it)')
      .option('--json'),
  ).action((idOrName: string, flags: Flags) =>
    withClient(flags, async (client) => {
      const experiment = await client.experiments.delete(
        (await client.experiments.resolve(idOrName)).experimentId,
      );
      if (flags.json)
        return printJson(context.output, { experiment: toWireExperiment(experiment) });
      context.output.out(
        `deleted experiment ${experiment.experimentId} '${experiment.name}' (restore with: gyre experiments restore ${experiment.experimentId})`,
      );
    }),
  );

  withConfigOptions(
    experiments
      .command('restore <idOrName>')
      .description('restore a deleted experiment and its runs')
      .option('--json'),
  ).action((idOrName: string, flags: Flags) =>
    withClient(flags, async (client) => {
      const experiment = await client.experiments.restore(
        (await client.experiments.resolve(idOrName)).experimentId,
      );
      if (flags.json)
        return printJson(context.output, { experiment: toWireExperiment(experiment) });
      context.output.out(`restored experiment ${experiment.experimentId} '${experiment.name}'`);
    }),
  );

  withConfigOptions(
    experiments
      .command('rename <idOrName> <newName>')
      .description('rename an experiment')
      .option('--json'),
  ).action((idOrName: string, newName: string, flags: Flags) =>
    withClient(flags, async (client) => {
      const experiment = await client.experiments.rename(
        (await client.experiments.resolve(idOrName)).experimentId,
        newName,
      );
      if (flags.json)
        return printJson(context.output, { experiment: toWireExperiment(experiment) });
      context.output.out(`renamed experiment ${experiment.experimentId} to '${experiment.name}'`);
    }),
  );
}
