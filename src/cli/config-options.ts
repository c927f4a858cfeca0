import type { Command } from 'commander';
import { loadConfig, type ConfigKey, type ResolvedConfig } from '../core/config/index.js';

export interface ConfigFlags {
  config?: string;
  home?: string;
  databaseUrl?: string;
  artifactRoot?: string;
  logLevel?: string;
  trackingUri?: string;
}

/** The settings every command accepts; they override GYRE_* variables and gyre.yaml. */
export function withConfigOptions(command: Command): Command {
  return command
    .option(
      '--config <file>',
      'gyre.yaml to read (default ./gyre.yaml when present; or GYRE_CONFIG)',
    )
    .option('--home <dir>', 'Gyre home directory (GYRE_HOME, default ./.gyre)')
    .option('--database-url <url>', 'sqlite:PATH or postgres://… (GYRE_DATABASE_URL)')
    .option('--artifact-root <dir>', 'artifact directory (GYRE_ARTIFACT_ROOT)')
    .option(
      '--tracking-uri <url>',
      'talk to this Gyre server instead of the local store (GYRE_TRACKING_URI)',
    )
    .option('--log-level <level>', 'fatal|error|warn|info|debug|trace|silent (GYRE_LOG_LEVEL)');
}

export function resolveConfig(
  flags: ConfigFlags,
  extra: Partial<Record<ConfigKey, unknown>> = {},
): ResolvedConfig {
  const given: Partial<Record<ConfigKey, unknown>> = {
    home: flags.home,
    databaseUrl: flags.databaseUrl,
    artifactRoot: flags.artifactRoot,
    logLevel: flags.logLevel,
    trackingUri: flags.trackingUri,
    ...extra,
  };
  const defined = Object.fromEntries(
    Object.entries(given).filter(([, value]) => value !== undefined),
  );
  return loadConfig({ flags: defined, configFile: flags.config });
}
