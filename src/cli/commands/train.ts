import type { Command } from 'commander';
import { toWireVersion } from '../../api/wire/registry-convert.js';
import type { TabularFormat } from '../../data/tabular/index.js';
import type { TrainResult } from '../../sdk/index.js';
import { modelKinds, type ModelKind, type Task } from '../../train/index.js';
import { collect, parseKeyValues, withClient, type CommandContext } from '../command-context.js';
import { withConfigOptions, type ConfigFlags } from '../config-options.js';
import { formatNumber, printJson, printTable, type Output } from '../output.js';
import { TrainProgress } from '../train-progress.js';

type TrainFlags = ConfigFlags & {
  data: string;
  target: string;
  model: string;
  param?: string[];
  feature?: string[];
  task?: string;
  format?: string;
  experiment?: string;
  runName?: string;
  register?: string;
  alias?: string[];
  tag?: string[];
  cv: number;
  testFraction: number;
  seed: number;
  json?: boolean;
};

export function trainCommand(program: Command, context: CommandContext): void {
  withConfigOptions(
    program
      .command('train')
      .description(
        'train a ridge, logistic or MLP model on a tabular file, log it as a run, optionally register it',
      )
      .requiredOption('--data <file>', 'CSV, TSV, JSON, JSON Lines, Parquet or Arrow IPC file')
      .requiredOption('--target <column>', 'the column to predict')
      .requiredOption('--model <kind>', modelKinds.join(', '))
      .option('--param <key=value>', 'model param, e.g. hidden_layers=128,64 (repeatable)', collect)
      .option(
        '--feature <column>',
        'feature column (repeatable; default: every other column)',
        collect,
      )
      .option('--task <task>', 'classification or regression (default: from the target and model)')
      .option('--format <format>', 'csv, tsv, json, jsonl, parquet or arrow (default: detected)')
      .option('--experiment <name>', 'experiment name or id (created when missing)')
      .option('--run-name <name>', 'name of the run')
      .option('--register <model>', 'register the trained model under this name')
      .option('--alias <alias>', 'alias for the registered version (repeatable)', collect)
      .option('--tag <key=value>', 'run tag (repeatable)', collect)
      .option('--cv <folds>', 'cross-validation folds, 0 for none', integer, 5)
      .option('--test-fraction <share>', 'rows held out to test the final model', Number, 0.2)
      .option('--seed <n>', 'seed for folds, splits and weights', integer, 0)
      .option('--json', 'print the result record as JSON'),
  ).action((flags: TrainFlags) =>
    withClient(flags, async (client) => {
      const progress = new TrainProgress({ json: flags.json });
      let result: TrainResult;
      try {
        result = await client.train({
          data: flags.data,
          target: flags.target,
          model: flags.model as ModelKind,
          params: parseKeyValues(flags.param, '--param'),
          ...(flags.feature ? { features: flags.feature } : {}),
          ...(flags.task ? { task: flags.task as Task } : {}),
          ...(flags.format ? { format: flags.format as TabularFormat } : {}),
          ...(flags.experiment ? { experiment: flags.experiment } : {}),
          ...(flags.runName ? { runName: flags.runName } : {}),
          ...(flags.register ? { register: flags.register } : {}),
          ...(flags.alias ? { aliases: flags.alias } : {}),
          ...(flags.tag ? { tags: parseKeyValues(flags.tag) } : {}),
          cv: flags.cv,
          testFraction: flags.testFraction,
          seed: flags.seed,
          onProgress: (phase, done, total) => progress.phase(phase, done, total),
          onEpoch: (loss) => progress.epoch(loss),
        });
      } finally {
        progress.done();
      }
      if (flags.json)
        return printJson(context.output, {
          run_id: result.runId,
          ...(result.modelVersion ? { model_version: toWireVersion(result.modelVersion) } : {}),
          metrics: result.metrics,
        });
      printResult(context.output, result);
    }),
  );
}

function printResult(output: Output, result: TrainResult): void {
  for (const { name, reason } of result.excludedColumns)
    output.err(`note: column '${name}' left out of the features: ${reason}`);
  if (result.rows.droppedMissingTarget > 0)
    output.err(
      `note: ${result.rows.droppedMissingTarget} rows without a target value were left out`,
    );
  output.out(
    `run ${result.runId}: ${result.task} on ${result.rows.train} rows` +
      (result.rows.test > 0 ? `, tested on ${result.rows.test}` : ''),
  );
  printTable(
    output,
    ['metric', 'value'],
    Object.entries(result.metrics).map(([key, value]) => [key, formatNumber(value)]),
  );
  output.out(`model: ${result.modelUri}`);
  if (result.modelVersion) output.out(`registered: ${result.modelVersion.uri}`);
}

function integer(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new Error(`expected a whole number, got '${value}'`);
  return n;
}
