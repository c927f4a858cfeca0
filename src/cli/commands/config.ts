import type { Command } from 'commander';
import { maskUrlPassword, settings, type ConfigKey } from '../../core/config/index.js';
import type { CommandContext } from '../command-context.js';
import { resolveConfig, withConfigOptions, type ConfigFlags } from '../config-options.js';
import { printJson, printTable } from '../output.js';

export function configCommand(program: Command, context: CommandContext): void {
  withConfigOptions(
    program
      .command('config')
      .description(
        'print the effective configuration and where each value came from (secrets masked)',
      )
      .option('--json', 'machine-readable output'),
  ).action((flags: ConfigFlags & { json?: boolean }) => {
    const { config, sources, file } = resolveConfig(flags);
    /** The value as configured (number, boolean, string), with secrets masked. */
    const valueOf = (key: ConfigKey): string | number | boolean | null => {
      const value = config[key];
      if (value === undefined) return null;
      return settings[key].secret ? maskUrlPassword(String(value)) : value;
    };
    const keys = Object.keys(settings) as ConfigKey[];
    if (flags.json) {
      printJson(context.output, {
        file: file ?? null,
        settings: Object.fromEntries(
          keys.map((key) => [
            settings[key].yaml,
            { value: valueOf(key), source: sources[key], env: settings[key].env },
          ]),
        ),
      });
      return;
    }
    printTable(
      context.output,
      ['SETTING', 'VALUE', 'SOURCE', 'ENV'],
      keys.map((key) => [
        settings[key].yaml,
        String(valueOf(key) ?? '-'),
        sources[key],
        settings[key].env,
      ]),
    );
    context.output.out(file ? `config file: ${file}` : 'config file: none (./gyre.yaml not found)');
  });
}
