import { logLevels, type LogLevel } from '../logging/index.js';
import type { ConfigKey } from './gyre-config.js';
import { parseSize } from './parse-size.js';

/** Where one setting is read from, and how its text becomes a value. */
export interface SettingSpec {
  env: string;
  yaml: string;
  flag: string;
  description: string;
  secret?: boolean;
  /** Returns the value, or a sentence saying what is expected. */
  parse(raw: unknown): { value: unknown } | { expected: string };
}

const text = (raw: unknown) =>
  typeof raw === 'string' && raw.trim() !== ''
    ? { value: raw.trim() }
    : { expected: 'a non-empty string' };

export const settings: Record<ConfigKey, SettingSpec> = {
  home: {
    env: 'GYRE_HOME',
    yaml: 'home',
    flag: '--home',
    description: 'directory for the SQLite database and artifacts (default ./.gyre)',
    parse: text,
  },
  databaseUrl: {
    env: 'GYRE_DATABASE_URL',
    yaml: 'database_url',
    flag: '--database-url',
    description: 'sqlite:PATH or postgres://… (default sqlite:$GYRE_HOME/gyre.db)',
    secret: true,
    parse: text,
  },
  artifactRoot: {
    env: 'GYRE_ARTIFACT_ROOT',
    yaml: 'artifact_root',
    flag: '--artifact-root',
    description: 'directory for content-addressed blobs (default $GYRE_HOME/artifacts)',
    parse: text,
  },
  host: {
    env: 'GYRE_HOST',
    yaml: 'host',
    flag: '--host',
    description: 'address the server binds',
    parse: text,
  },
  port: {
    env: 'GYRE_PORT',
    yaml: 'port',
    flag: '--port',
    description: 'port the server listens on',
    parse(raw) {
      const text =
        typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
      const port = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
      return Number.isInteger(port) && port >= 0 && port <= 65535
        ? { value: port }
        : { expected: 'an integer port between 0 and 65535' };
    },
  },
  jsonBodyLimit: {
    env: 'GYRE_JSON_BODY_LIMIT',
    yaml: 'json_body_limit',
    flag: '--json-body-limit',
    description: 'largest JSON request body, e.g. 16MiB',
    parse(raw) {
      const bytes = typeof raw === 'number' ? raw : parseSize(String(raw));
      return bytes !== undefined && Number.isInteger(bytes) && bytes > 0
        ? { value: bytes }
        : { expected: 'a size such as 16MiB, 500kB or a number of bytes' };
    },
  },
  logLevel: {
    env: 'GYRE_LOG_LEVEL',
    yaml: 'log_level',
    flag: '--log-level',
    description: 'fatal, error, warn, info, debug, trace or silent',
    parse(raw) {
      const level = String(raw).trim().toLowerCase() as LogLevel;
      return logLevels.includes(level)
        ? { value: level }
        : { expected: `one of ${logLevels.join(', ')}` };
    },
  },
  trackingUri: {
    env: 'GYRE_TRACKING_URI',
    yaml: 'tracking_uri',
    flag: '--tracking-uri',
    description: 'http(s) URL of a Gyre server; CLI commands then go through its API',
    secret: true,
    parse(raw) {
      const url = String(raw).trim();
      return /^https?:\/\/[^\s]+$/i.test(url)
        ? { value: url.replace(/\/+$/, '') }
        : { expected: 'an http:// or https:// URL' };
    },
  },
  autoMigrate: {
    env: 'GYRE_AUTO_MIGRATE',
    yaml: 'auto_migrate',
    flag: '--auto-migrate',
    description: 'apply pending database migrations on start (true/false)',
    parse(raw) {
      if (typeof raw === 'boolean') return { value: raw };
      const word = String(raw).trim().toLowerCase();
      if (['1', 'true', 'yes', 'on'].includes(word)) return { value: true };
      if (['0', 'false', 'no', 'off'].includes(word)) return { value: false };
      return { expected: 'true or false' };
    },
  },
};
