import type { LogLevel } from '../logging/index.js';

/** The effective settings of one Gyre process, after flags, environment, gyre.yaml and defaults. */
export interface GyreConfig {
  /** Directory for Gyre's own files (SQLite database, artifacts). */
  home: string;
  /** `sqlite:/absolute/path.db`, `sqlite::memory:` or `postgres://user:pass@host:port/db`. */
  databaseUrl: string;
  /** Directory holding content-addressed blobs. */
  artifactRoot: string;
  host: string;
  port: number;
  /** Largest JSON request body the API accepts, in bytes. */
  jsonBodyLimit: number;
  logLevel: LogLevel;
  /** When set, CLI commands talk to this Gyre server instead of opening the store directly. */
  trackingUri: string | undefined;
  /** Apply pending schema migrations when the store opens (otherwise refuse to start). */
  autoMigrate: boolean;
}

export type ConfigKey = keyof GyreConfig;

export type ConfigSource = 'flag' | 'env' | 'file' | 'default';

export interface ResolvedConfig {
  config: GyreConfig;
  sources: Record<ConfigKey, ConfigSource>;
  /** The gyre.yaml that was read, if any. */
  file: string | undefined;
}
