import type { Command } from 'commander';
import type { TabularFormat } from '../../data/tabular/index.js';
import { renderValidationReport } from '../../data/validate/index.js';
import { withClient, type CommandContext } from '../command-context.js';
import { withConfigOptions, type ConfigFlags } from '../config-options.js';
import { printJson } from '../output.js';
import { printDiff } from './data-text.js';

type Flags = ConfigFlags & { json?: boolean };

/** `gyre data validate` and `gyre data diff`: checks that read, never write. */
export function dataCheckCommands(data: Command, context: CommandContext): void {
  const out = context.output;

  withConfigOptions(
    data
      .command('validate <file>')
      .description(
        "check a file against a version's schema and expectations; exit status 1 on violations",
      )
      .requiredOption('--against <ref>', 'the version: NAME, NAME@3, NAME@alias or datasets:/…')
      .option('--format <format>', 'read the file as csv, tsv, json, jsonl, parquet or arrow')
      .option('--json', 'machine-readable report'),
  ).action((file: string, flags: Flags & { against: string; format?: TabularFormat }) =>
    withClient(flags, async (client) => {
      const report = await client.datasets.validate(file, flags.against, {
        format: flags.format,
      });
      if (!report.valid) context.exitCode = 1;
      if (flags.json) return printJson(out, report);
      out.out(renderValidationReport(report));
    }),
  );

  withConfigOptions(
    data
      .command('diff <a> <b>')
      .description(
        'compare two versions (e.g. flights@1 flights@2): schema, rows, statistics, drift per column',
      )
      .option('--json', 'machine-readable output'),
  ).action((a: string, b: string, flags: Flags) =>
    withClient(flags, async (client) => {
      const diff = await client.datasets.diff(a, b);
      if (flags.json) return printJson(out, diff);
      printDiff(out, diff);
    }),
  );
}
