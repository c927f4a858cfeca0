import type { Command } from 'commander';
import { toWireListing, toWireRun } from '../../api/wire/convert.js';
import type { Run, ViewType } from '../../store/index.js';
import { collect, withClient, type CommandContext } from '../command-context.js';
import { withConfigOptions, type ConfigFlags } from '../config-options.js';
import { formatBytes, formatNumber, formatTime, printJson, printTable } from '../output.js';
import { ProgressLine, transferText } from '../progress.js';

type Flags = ConfigFlags & { json?: boolean };

export function runsCommand(program: Command, context: CommandContext): void {
  const runs = program.command('runs').description('search and inspect runs');

  withConfigOptions(
    runs
      .command('list')
      .description('search runs, newest first unless --order-by says otherwise')
      .option(
        '--experiment <idOrName>',
        'limit to an experiment (repeatable; default: all)',
        collect,
      )
      .option('--filter <filter>', 'e.g. "metrics.acc > 0.9 and params.optimizer = \'adam\'"')
      .option('--order-by <term>', "e.g. 'metrics.acc DESC' (repeatable)", collect)
      .option('--view <view>', 'ACTIVE_ONLY, DELETED_ONLY or ALL', 'ACTIVE_ONLY')
      .option('--max-results <n>', 'at most this many (default 100 here)', (v) => Number(v), 100)
      .option('--json', 'machine-readable output'),
  ).action(
    (
      flags: Flags & {
        experiment?: string[];
        filter?: string;
        orderBy?: string[];
        view: string;
        maxResults: number;
      },
    ) =>
      withClient(flags, async (client) => {
        const experimentIds = [];
        for (const e of flags.experiment ?? [])
          experimentIds.push((await client.experiments.resolve(e)).experimentId);
        const page = await client.runs.search({
          experimentIds,
          filter: flags.filter,
          orderBy: flags.orderBy,
          view: flags.view as ViewType,
          maxResults: flags.maxResults,
        });
        if (flags.json)
          return printJson(context.output, {
            runs: page.items.map(toWireRun),
            next_page_token: page.nextPageToken ?? null,
          });
        printTable(
          context.output,
          ['RUN ID', 'NAME', 'EXP', 'STATUS', 'STARTED', 'METRICS'],
          page.items.map(runRow),
        );
        if (page.nextPageToken)
          context.output.out(
            `(more runs match; raise --max-results above ${flags.maxResults} or narrow --filter)`,
          );
      }),
  );

  withConfigOptions(
    runs
      .command('show <runId>')
      .description('a run with its params, tags and latest metrics')
      .option('--json'),
  ).action((runId: string, flags: Flags) =>
    withClient(flags, async (client) => {
      const run = await client.runs.get(runId);
      if (flags.json) return printJson(context.output, { run: toWireRun(run) });
      const { info, data } = run;
      const lines = [
        `run ${info.runId} '${info.runName}'`,
        `  experiment  ${info.experimentId}`,
        `  status      ${info.status}${info.lifecycleStage === 'deleted' ? ' (deleted)' : ''}`,
        `  started     ${formatTime(info.startTime)}`,
        `  ended       ${formatTime(info.endTime)}`,
        `  user        ${info.userId}`,
        ...(info.parentRunId ? [`  parent      ${info.parentRunId}`] : []),
      ];
      for (const line of lines) context.output.out(line);
      for (const [title, entries] of [
        ['params', Object.entries(data.params)],
        [
          'metrics (latest)',
          Object.entries(data.metrics).map(([k, m]) => [
            k,
            `${formatNumber(m.value)} (step ${m.step})`,
          ]),
        ],
        ['tags', Object.entries(data.tags)],
      ] as const) {
        context.output.out(`${title}:`);
        if (entries.length === 0) context.output.out('  (none)');
        for (const [key, value] of entries) context.output.out(`  ${key} = ${value}`);
      }
    }),
  );

  withConfigOptions(
    runs
      .command('artifacts <runId>')
      .description("list a run's artifacts, or download them with --download")
      .option('--path <path>', 'directory or file inside the run', '')
      .option('--recursive', 'list every file below, not just the immediate children')
      .option('--download <dir>', 'download the file or directory into this local directory')
      .option('--json', 'machine-readable output'),
  ).action(
    (runId: string, flags: Flags & { path: string; recursive?: boolean; download?: string }) =>
      withClient(flags, async (client) => {
        if (flags.download) {
          const progress = new ProgressLine({ json: flags.json });
          let files;
          try {
            files = await client.downloadArtifacts(runId, flags.path, flags.download, (p) =>
              progress.update(transferText('downloading', p, p)),
            );
          } finally {
            progress.done();
          }
          const bytes = files.reduce((sum, f) => sum + f.size, 0);
          if (flags.json)
            return printJson(context.output, {
              downloaded: files.map((f) => f.path),
              bytes,
              destination: flags.download,
            });
          return context.output.out(
            `downloaded ${files.length} file(s), ${formatBytes(bytes)}, to ${flags.download}`,
          );
        }
        const listing = flags.recursive
          ? (await client.artifacts.listFiles(runId, flags.path)).map((f) => ({
              path: f.path,
              isDir: false,
              size: f.size,
              digest: f.digest,
            }))
          : await client.artifacts.list(runId, flags.path);
        if (flags.json)
          return printJson(context.output, { root: flags.path, files: listing.map(toWireListing) });
        printTable(
          context.output,
          ['PATH', 'SIZE', 'SHA256'],
          listing.map((f) => [
            f.isDir ? `${f.path}/` : f.path,
            f.isDir ? '-' : formatBytes(f.size ?? 0),
            f.digest?.slice(0, 12) ?? '',
          ]),
        );
      }),
  );
}

function runRow(run: Run): string[] {
  const metrics = Object.values(run.data.metrics)
    .slice(0, 4)
    .map((m) => `${m.key}=${formatNumber(m.value)}`)
    .join(' ');
  return [
    run.info.runId,
    run.info.runName,
    run.info.experimentId,
    run.info.status,
    formatTime(run.info.startTime),
    metrics,
  ];
}
