import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectGyreError } from '../../testing/expect-gyre-error.js';
import { loadConfig } from './load-config.js';

let cwd: string;

beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), 'gyre-config-'));
});

afterEach(() => {
  rmSync(cwd, { recursive: true, force: true });
});

function writeYaml(text: string, dir = cwd): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'gyre.yaml');
  writeFileSync(file, text);
  return file;
}

describe('loadConfig precedence', () => {
  it('uses defaults under ./.gyre when nothing is configured', () => {
    const { config, sources, file } = loadConfig({ env: {}, cwd });
    expect(file).toBeUndefined();
    expect(config).toEqual({
      home: join(cwd, '.gyre'),
      databaseUrl: `sqlite:${join(cwd, '.gyre', 'gyre.db')}`,
      artifactRoot: join(cwd, '.gyre', 'artifacts'),
      host: '127.0.0.1',
      port: 5000,
      jsonBodyLimit: 16 * 1024 * 1024,
      logLevel: 'info',
      trackingUri: undefined,
      autoMigrate: true,
    });
    expect(new Set(Object.values(sources))).toEqual(new Set(['default']));
  });

  it('prefers flags over env over gyre.yaml over defaults, and reports each source', () => {
    writeYaml('port: 1111\nhost: file-host\nlog_level: warn\n');
    const env = { GYRE_PORT: '2222', GYRE_HOST: 'env-host' };

    const all = loadConfig({ env, cwd, flags: { port: '3333' } });
    expect(all.config.port).toBe(3333);
    expect(all.config.host).toBe('env-host');
    expect(all.config.logLevel).toBe('warn');
    expect(all.config.jsonBodyLimit).toBe(16 * 1024 * 1024);
    expect(all.sources).toMatchObject({
      port: 'flag',
      host: 'env',
      logLevel: 'file',
      jsonBodyLimit: 'default',
    });

    const noFlag = loadConfig({ env, cwd });
    expect(noFlag.config.port).toBe(2222);
    expect(noFlag.sources.port).toBe('env');

    const fileOnly = loadConfig({ env: {}, cwd });
    expect(fileOnly.config.port).toBe(1111);
    expect(fileOnly.sources.port).toBe('file');
    expect(fileOnly.file).toBe(join(cwd, 'gyre.yaml'));
  });

  it('ignores empty environment variables', () => {
    writeYaml('port: 1111\n');
    const { config, sources } = loadConfig({ env: { GYRE_PORT: '' }, cwd });
    expect(config.port).toBe(1111);
    expect(sources.port).toBe('file');
  });

  it('reads an explicit config file, from configFile before GYRE_CONFIG', () => {
    const a = writeYaml('port: 4001\n', join(cwd, 'a'));
    writeYaml('port: 4002\n', join(cwd, 'b'));
    writeYaml('port: 4003\n');
    expect(loadConfig({ env: {}, cwd, configFile: 'a/gyre.yaml' }).config.port).toBe(4001);
    expect(loadConfig({ env: {}, cwd, configFile: 'a/gyre.yaml' }).file).toBe(a);
    expect(loadConfig({ env: { GYRE_CONFIG: 'b/gyre.yaml' }, cwd }).config.port).toBe(4002);
    expect(
      loadConfig({ env: { GYRE_CONFIG: 'b/gyre.yaml' }, cwd, configFile: 'a/gyre.yaml' }).config
        .port,
    ).toBe(4001);
  });

  it('treats an empty gyre.yaml as no settings', () => {
    const file = writeYaml('# nothing here\n');
    const { config, file: read } = loadConfig({ env: {}, cwd });
    expect(read).toBe(file);
    expect(config.port).toBe(5000);
  });
});

describe('loadConfig paths', () => {
  it('resolves relative paths in gyre.yaml against the directory of the yaml', () => {
    const confDir = join(cwd, 'conf');
    writeYaml('home: data\nartifact_root: ./blobs\ndatabase_url: sqlite:db/g.db\n', confDir);
    const { config } = loadConfig({ env: {}, cwd, configFile: 'conf/gyre.yaml' });
    expect(config.home).toBe(join(confDir, 'data'));
    expect(config.artifactRoot).toBe(join(confDir, 'blobs'));
    expect(config.databaseUrl).toBe(`sqlite:${join(confDir, 'db', 'g.db')}`);
  });

  it('resolves relative paths from env and flags against cwd', () => {
    const fromEnv = loadConfig({
      env: { GYRE_HOME: 'h', GYRE_ARTIFACT_ROOT: 'art', GYRE_DATABASE_URL: 'sqlite://x.db' },
      cwd,
    });
    expect(fromEnv.config.home).toBe(join(cwd, 'h'));
    expect(fromEnv.config.artifactRoot).toBe(join(cwd, 'art'));
    expect(fromEnv.config.databaseUrl).toBe(`sqlite:${join(cwd, 'x.db')}`);

    const fromFlags = loadConfig({
      env: {},
      cwd,
      flags: { home: './f', artifactRoot: 'a/../b', databaseUrl: 'sqlite:d/e.db' },
    });
    expect(fromFlags.config.home).toBe(join(cwd, 'f'));
    expect(fromFlags.config.artifactRoot).toBe(join(cwd, 'b'));
    expect(fromFlags.config.databaseUrl).toBe(`sqlite:${join(cwd, 'd', 'e.db')}`);
  });

  it('keeps absolute paths, sqlite::memory: and postgres URLs as given', () => {
    const { config } = loadConfig({
      env: { GYRE_HOME: '/srv/gyre', GYRE_ARTIFACT_ROOT: '/blobs' },
      cwd,
      flags: { databaseUrl: 'sqlite:///var/lib/gyre.db' },
    });
    expect(config.home).toBe('/srv/gyre');
    expect(config.artifactRoot).toBe('/blobs');
    expect(config.databaseUrl).toBe('sqlite:/var/lib/gyre.db');
    expect(loadConfig({ env: {}, cwd, flags: { databaseUrl: 'sqlite::memory:' } }).config).toEqual(
      expect.objectContaining({ databaseUrl: 'sqlite::memory:' }),
    );
    const pg = 'postgresql://gyre:pw@db:5432/gyre';
    expect(loadConfig({ env: { GYRE_DATABASE_URL: pg }, cwd }).config.databaseUrl).toBe(pg);
  });

  it('derives the default database and artifact root from the effective home', () => {
    const fromFlag = loadConfig({ env: { GYRE_HOME: '/ignored' }, cwd, flags: { home: '/x' } });
    expect(fromFlag.config.databaseUrl).toBe('sqlite:/x/gyre.db');
    expect(fromFlag.config.artifactRoot).toBe('/x/artifacts');
    expect(fromFlag.sources).toMatchObject({
      home: 'flag',
      databaseUrl: 'default',
      artifactRoot: 'default',
    });

    const confDir = join(cwd, 'conf');
    writeYaml('home: h\n', confDir);
    const fromFile = loadConfig({ env: {}, cwd, configFile: join(confDir, 'gyre.yaml') });
    expect(fromFile.config.databaseUrl).toBe(`sqlite:${join(confDir, 'h', 'gyre.db')}`);
    expect(fromFile.config.artifactRoot).toBe(join(confDir, 'h', 'artifacts'));
  });
});

describe('loadConfig value parsing', () => {
  it('parses sizes, log levels, booleans, hosts and tracking URIs', () => {
    writeYaml('json_body_limit: 1MiB\nauto_migrate: false\n');
    const { config } = loadConfig({
      env: { GYRE_LOG_LEVEL: ' DEBUG ', GYRE_TRACKING_URI: 'https://gyre.example/' },
      cwd,
      flags: { host: ' 0.0.0.0 ' },
    });
    expect(config.jsonBodyLimit).toBe(1024 * 1024);
    expect(config.autoMigrate).toBe(false);
    expect(config.logLevel).toBe('debug');
    expect(config.trackingUri).toBe('https://gyre.example');
    expect(config.host).toBe('0.0.0.0');
    expect(loadConfig({ env: { GYRE_AUTO_MIGRATE: 'off' }, cwd }).config.autoMigrate).toBe(false);
    expect(loadConfig({ env: { GYRE_JSON_BODY_LIMIT: '16 MB' }, cwd }).config.jsonBodyLimit).toBe(
      16_000_000,
    );
  });
});

describe('loadConfig errors', () => {
  it('rejects unknown keys in gyre.yaml, naming them', async () => {
    writeYaml('port: 1\nprot: 2\ndatabase-url: x\n');
    await expectGyreError(
      () => loadConfig({ env: {}, cwd }),
      'CONFIG_INVALID',
      /prot, database-url/,
    );
  });

  it('rejects invalid YAML and YAML that is not a mapping', async () => {
    writeYaml('port: [1, 2\n');
    await expectGyreError(() => loadConfig({ env: {}, cwd }), 'CONFIG_INVALID', /not valid YAML/);
    writeYaml('- port\n- 1\n');
    await expectGyreError(() => loadConfig({ env: {}, cwd }), 'CONFIG_INVALID', /mapping/);
  });

  it('rejects a missing explicit config file', async () => {
    await expectGyreError(
      () => loadConfig({ env: {}, cwd, configFile: 'nope.yaml' }),
      'CONFIG_INVALID',
      /nope\.yaml does not exist/,
    );
  });

  it.each([
    ['port', { GYRE_PORT: 'abc' }, /GYRE_PORT is "abc"; expected an integer port/],
    ['port', { GYRE_PORT: '70000' }, /GYRE_PORT is "70000"/],
    ['port', { GYRE_PORT: '-1' }, /GYRE_PORT/],
    ['port', { GYRE_PORT: '80.5' }, /GYRE_PORT/],
    ['size', { GYRE_JSON_BODY_LIMIT: '12 parsecs' }, /GYRE_JSON_BODY_LIMIT .*expected a size/],
    ['size', { GYRE_JSON_BODY_LIMIT: '0' }, /GYRE_JSON_BODY_LIMIT/],
    ['log level', { GYRE_LOG_LEVEL: 'loud' }, /GYRE_LOG_LEVEL is "loud"; expected one of fatal/],
    ['tracking uri', { GYRE_TRACKING_URI: 'ftp://x' }, /GYRE_TRACKING_URI .*http/],
    ['auto migrate', { GYRE_AUTO_MIGRATE: 'maybe' }, /GYRE_AUTO_MIGRATE .*true or false/],
    ['database url', { GYRE_DATABASE_URL: 'mysql://db/x' }, /GYRE_DATABASE_URL must be sqlite/],
    ['home', { GYRE_HOME: '   ' }, /GYRE_HOME .*non-empty/],
  ])('rejects an invalid %s from the environment, naming the variable', async (_what, env, re) => {
    await expectGyreError(() => loadConfig({ env, cwd }), 'CONFIG_INVALID', re);
  });

  it('names the flag or the yaml key and file of an invalid value', async () => {
    await expectGyreError(
      () => loadConfig({ env: {}, cwd, flags: { logLevel: 'verbose' } }),
      'CONFIG_INVALID',
      /--log-level is "verbose"/,
    );
    const file = writeYaml('port: 99999\n');
    await expectGyreError(
      () => loadConfig({ env: {}, cwd }),
      'CONFIG_INVALID',
      new RegExp(`port in ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is 99999`),
    );
  });

  it('masks the password of an invalid database URL in the message', async () => {
    await expectGyreError(
      () => loadConfig({ env: { GYRE_DATABASE_URL: 'mysql://gyre:hunter2@db/gyre' }, cwd }),
      'CONFIG_INVALID',
      /^(?![\s\S]*hunter2)[\s\S]*"mysql:\/\/gyre:\*\*\*\*@db\/gyre"/,
    );
  });
});
