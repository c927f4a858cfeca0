import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { GyreError } from '../errors/index.js';
import { formatDatabaseUrl, parseDatabaseUrl } from './database-url.js';
import { maskUrlPassword } from './mask-secrets.js';
import type { ConfigKey, ConfigSource, GyreConfig, ResolvedConfig } from './gyre-config.js';
import { settings } from './settings.js';

export interface ConfigInputs {
  /** Values given on the command line, already split by key. */
  flags?: Partial<Record<ConfigKey, unknown>>;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Explicit gyre.yaml path (`--config` / `GYRE_CONFIG`); otherwise `./gyre.yaml` when present. */
  configFile?: string;
}

interface Candidate {
  raw: unknown;
  source: ConfigSource;
  /** Directory that relative paths in this value resolve against. */
  baseDir: string;
  origin: string;
}

/** Resolves settings with precedence flags > environment > gyre.yaml > defaults. */
export function loadConfig(inputs: ConfigInputs = {}): ResolvedConfig {
  const env = inputs.env ?? process.env;
  const cwd = inputs.cwd ?? process.cwd();
  const { file, values: fileValues } = readConfigFile(inputs.configFile ?? env.GYRE_CONFIG, cwd);

  const pick = (key: ConfigKey): Candidate | undefined => {
    const spec = settings[key];
    const flag = inputs.flags?.[key];
    if (flag !== undefined) return { raw: flag, source: 'flag', baseDir: cwd, origin: spec.flag };
    const fromEnv = env[spec.env];
    if (fromEnv !== undefined && fromEnv !== '')
      return { raw: fromEnv, source: 'env', baseDir: cwd, origin: spec.env };
    if (file && fileValues[spec.yaml] !== undefined) {
      return {
        raw: fileValues[spec.yaml],
        source: 'file',
        baseDir: dirname(file),
        origin: `${spec.yaml} in ${file}`,
      };
    }
    return undefined;
  };

  const sources = {} as Record<ConfigKey, ConfigSource>;
  const valueOf = (key: ConfigKey, fallback: () => unknown): unknown => {
    const candidate = pick(key);
    sources[key] = candidate?.source ?? 'default';
    if (!candidate) return fallback();
    const parsed = settings[key].parse(candidate.raw);
    if ('expected' in parsed) {
      throw new GyreError(
        'CONFIG_INVALID',
        `${candidate.origin} is ${JSON.stringify(candidate.raw)}; expected ${parsed.expected}`,
      );
    }
    if (key === 'home' || key === 'artifactRoot')
      return absolute(String(parsed.value), candidate.baseDir);
    if (key === 'databaseUrl') return normaliseDatabaseUrl(String(parsed.value), candidate);
    return parsed.value;
  };

  const home = valueOf('home', () => resolve(cwd, '.gyre')) as string;
  const config: GyreConfig = {
    home,
    databaseUrl: valueOf('databaseUrl', () => `sqlite:${join(home, 'gyre.db')}`) as string,
    artifactRoot: valueOf('artifactRoot', () => join(home, 'artifacts')) as string,
    host: valueOf('host', () => '127.0.0.1') as string,
    port: valueOf('port', () => 5000) as number,
    jsonBodyLimit: valueOf('jsonBodyLimit', () => 16 * 1024 * 1024) as number,
    logLevel: valueOf('logLevel', () => 'info') as GyreConfig['logLevel'],
    trackingUri: valueOf('trackingUri', () => undefined) as string | undefined,
    autoMigrate: valueOf('autoMigrate', () => true) as boolean,
  };
  return { config, sources, file };
}

function absolute(path: string, baseDir: string): string {
  return isAbsolute(path) ? path : resolve(baseDir, path);
}

function normaliseDatabaseUrl(url: string, candidate: Candidate): string {
  const target = parseDatabaseUrl(url, candidate.baseDir);
  if (!target) {
    throw new GyreError(
      'CONFIG_INVALID',
      `${candidate.origin} must be sqlite:PATH or postgres://user@host:port/database, got ${JSON.stringify(maskUrlPassword(url))}`,
    );
  }
  return formatDatabaseUrl(target);
}

function readConfigFile(
  explicit: string | undefined,
  cwd: string,
): { file: string | undefined; values: Record<string, unknown> } {
  const file = explicit ? resolve(cwd, explicit) : join(cwd, 'gyre.yaml');
  if (!existsSync(file)) {
    if (explicit) throw new GyreError('CONFIG_INVALID', `config file ${file} does not exist`);
    return { file: undefined, values: {} };
  }
  let parsed: unknown;
  try {
    parsed = parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new GyreError('CONFIG_INVALID', `${file} is not valid YAML: ${(error as Error).message}`);
  }
  if (parsed === null || parsed === undefined) return { file, values: {} };
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new GyreError('CONFIG_INVALID', `${file} must be a mapping of setting: value`);
  }
  const known = new Set(Object.values(settings).map((spec) => spec.yaml));
  const unknown = Object.keys(parsed).filter((key) => !known.has(key));
  if (unknown.length > 0) {
    throw new GyreError(
      'CONFIG_INVALID',
      `${file} has unknown setting(s) ${unknown.join(', ')}; known settings are ${[...known].join(', ')}`,
    );
  }
  return { file, values: parsed as Record<string, unknown> };
}
