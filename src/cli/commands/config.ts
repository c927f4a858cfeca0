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
    const shown = (key: ConfigKey): string => {
      const value = config[key];
      if (value === undefined) return '';
      return settings[key].secret ? maskUrlPassword(String(value)) : String(value);
    };
    const keys = Object.keys(settings) as ConfigKey[];
    if (flags.json) {
      printJson(context.output, {
        file: file ?? null,
        settings: Object.fromEntries(
          keys.map((key) => [
            settings[key].yaml,
            { value: shown(key) || null, source: sources[key], env: settings[key].env },
          ]),
        ),
      });
      return;
    }
    printTable(
      context.output,
      ['SETTING', 'VALUE', 'SOURCE', 'ENV'],
      keys.map((key) => [settings[key].yaml, shown(key) || '-', sources[key], settings[key].env]),
    );
    context.output.out(file ? `config file: ${file}` : 'config file: none (./gyre.yaml not found)');
  });
}
