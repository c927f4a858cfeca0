import type { Command } from 'commander';
import { buildServer, gyreVersion } from '../../api/index.js';
import { openGyre } from '../../app/index.js';
import { maskUrlPassword } from '../../core/config/index.js';
import type { CommandContext } from '../command-context.js';
import { resolveConfig, withConfigOptions, type ConfigFlags } from '../config-options.js';

interface ServerFlags extends ConfigFlags {
  host?: string;
  port?: string;
  jsonBodyLimit?: string;
}

export function serverCommand(program: Command, context: CommandContext): void {
  withConfigOptions(
    program
      .command('server')
      .description(
        'run the Gyre server: REST API on an embedded SQLite store (or PostgreSQL), until SIGINT/SIGTERM',
      )
      .option('--host <host>', 'address to bind (GYRE_HOST, default 127.0.0.1)')
      .option('--port <port>', 'port to listen on; 0 picks a free one (GYRE_PORT, default 5000)')
      .option(
        '--json-body-limit <size>',
        'largest JSON request body, e.g. 16MiB (GYRE_JSON_BODY_LIMIT)',
      ),
  ).action(async (flags: ServerFlags) => {
    const { config } = resolveConfig(flags, {
      host: flags.host,
      port: flags.port,
      jsonBodyLimit: flags.jsonBodyLimit,
    });
    const gyre = await openGyre(config);
    const app = await buildServer(gyre);
    let address: string;
    try {
      address = await app.listen({ host: config.host, port: config.port });
    } catch (error) {
      await app.close();
      await gyre.close();
      throw error;
    }
    context.output.out(
      `Gyre ${gyreVersion} listening on ${address} (database ${maskUrlPassword(config.databaseUrl)}, artifacts ${config.artifactRoot})`,
    );
    const signal = await new Promise<NodeJS.Signals>((resolve) => {
      process.once('SIGINT', () => resolve('SIGINT'));
      process.once('SIGTERM', () => resolve('SIGTERM'));
    });
    gyre.logger.info({ signal }, 'shutting down: finishing in-flight requests');
    await app.close();
    await gyre.close();
  });
}
