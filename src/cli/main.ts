import { Command, CommanderError } from 'commander';
import { gyreVersion } from '../api/index.js';
import { isGyreError } from '../core/errors/index.js';
import type { CommandContext } from './command-context.js';
import { configCommand } from './commands/config.js';
import { dataCommand } from './commands/data.js';
import { dbCommand } from './commands/db.js';
import { experimentsCommand } from './commands/experiments.js';
import { modelsCommand } from './commands/models.js';
import { runsCommand } from './commands/runs.js';
import { serverCommand } from './commands/server.js';
import { trainCommand } from './commands/train.js';
import { processOutput, type Output } from './output.js';

/** Exit status: 0 success, 1 the operation failed (a Gyre error), 2 the command line was wrong. */
export async function main(argv: string[], output: Output = processOutput): Promise<number> {
  const program = new Command('gyre')
    .description('Gyre: track, register, serve and watch machine-learning models')
    .version(gyreVersion)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => output.out(text.trimEnd()),
      writeErr: (text) => output.err(text.trimEnd()),
    });
  const context: CommandContext = { output };
  serverCommand(program, context);
  configCommand(program, context);
  dbCommand(program, context);
  experimentsCommand(program, context);
  runsCommand(program, context);
  modelsCommand(program, context);
  trainCommand(program, context);
  dataCommand(program, context);

  try {
    await program.parseAsync(argv);
    return context.exitCode ?? 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    const json = argv.includes('--json');
    if (isGyreError(error)) {
      output.err(json ? JSON.stringify(error.toJSON()) : `gyre: ${error.code}: ${error.message}`);
      return 1;
    }
    const message = error instanceof Error ? error.message : String(error);
    output.err(
      json
        ? JSON.stringify({ error_code: 'INVALID_PARAMETER_VALUE', message })
        : `gyre: ${message}`,
    );
    return error instanceof Error && error.constructor === Error ? 2 : 1;
  }
}
