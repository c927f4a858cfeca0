import type { Command } from 'commander';
import { maskUrlPassword } from '../../core/config/index.js';
import { openStore, readDatabaseStatus } from '../../store/index.js';
import type { CommandContext } from '../command-context.js';
import { resolveConfig, withConfigOptions, type ConfigFlags } from '../config-options.js';
import { printJson } from '../output.js';

export function dbCommand(program: Command, context: CommandContext): void {
  const db = program.command('db').description('inspect and upgrade the metadata database schema');

  withConfigOptions(
    db
      .command('status')
      .description('show the schema version and pending migrations')
      .option('--json'),
  ).action(async (flags: ConfigFlags & { json?: boolean }) => {
    const { config } = resolveConfig(flags);
    const status = await readDatabaseStatus({
      databaseUrl: config.databaseUrl,
      baseDir: config.home,
    });
    const pending = status.pending.map((m) => ({ version: m.version, name: m.name }));
    if (flags.json) {
      printJson(context.output, {
        database: maskUrlPassword(config.databaseUrl),
        current: status.current,
        latest: status.latest,
        pending,
      });
      return;
    }
    context.output.out(
      `database ${maskUrlPassword(config.databaseUrl)}: schema version ${status.current}, this Gyre expects ${status.latest}`,
    );
    for (const migration of pending)
      context.output.out(`  pending ${migration.version}: ${migration.name}`);
  });

  withConfigOptions(
    db
      .command('upgrade')
      .description('apply pending schema migrations (safe to run while other processes use it)'),
  ).action(async (flags: ConfigFlags) => {
    const { config } = resolveConfig(flags);
    const before = await readDatabaseStatus({
      databaseUrl: config.databaseUrl,
      baseDir: config.home,
    }).catch(() => undefined);
    const store = await openStore({
      databaseUrl: config.databaseUrl,
      baseDir: config.home,
      autoMigrate: true,
    });
    await store.close();
    const applied = before?.pending ?? [];
    context.output.out(
      applied.length === 0
        ? `schema already at version ${before?.latest ?? '?'}; nothing to do`
        : `applied ${applied.map((m) => `${m.version} (${m.name})`).join(', ')}; schema now at version ${applied.at(-1)?.version}`,
    );
  });
}
