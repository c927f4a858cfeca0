import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gyreVersion } from '../api/index.js';
import { latestSchemaVersion } from '../store/index.js';
import { runCli, runCliJson } from '../testing/run-cli.js';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'gyre-cli-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const secretUrl = 'postgres://gyre:s3cret-pw@db.example:5432/gyre';
const maskedUrl = 'postgres://gyre:****@db.example:5432/gyre';
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface ConfigJson {
  file: string | null;
  settings: Record<string, { value: string | null; source: string; env: string }>;
}

describe('gyre config', () => {
  it('prints the settings table with sources and masks the database password', async () => {
    const result = await runCli('config', '--home', home, '--database-url', secretUrl);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).not.toContain('s3cret');
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^SETTING\s+VALUE\s+SOURCE\s+ENV$/);
    expect(lines).toContainEqual(
      expect.stringMatching(
        new RegExp(`^database_url\\s+${escape(maskedUrl)}\\s+flag\\s+GYRE_DATABASE_URL$`),
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(new RegExp(`^home\\s+${escape(home)}\\s+flag\\s`)),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        new RegExp(`^artifact_root\\s+${escape(join(home, 'artifacts'))}\\s+default\\s`),
      ),
    );
    expect(lines).toContainEqual(expect.stringMatching(/^tracking_uri\s+-\s+default\s/));
    expect(lines.at(-1)).toMatch(/^config file: none/);
  });

  it('prints JSON with --json, still masked', async () => {
    const result = await runCli('config', '--json', '--home', home, '--database-url', secretUrl);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('s3cret');
    const config = JSON.parse(result.stdout) as ConfigJson;
    expect(config.file).toBeNull();
    expect(config.settings.database_url).toEqual({
      value: maskedUrl,
      source: 'flag',
      env: 'GYRE_DATABASE_URL',
    });
    expect(config.settings.home).toEqual({ value: home, source: 'flag', env: 'GYRE_HOME' });
    expect(config.settings.tracking_uri).toMatchObject({ value: null, source: 'default' });
    expect(Object.keys(config.settings)).toEqual(
      expect.arrayContaining(['host', 'port', 'json_body_limit', 'log_level', 'auto_migrate']),
    );
  });

  it('masks the password in a refused database URL too, and exits 1', async () => {
    const result = await runCli(
      'config',
      '--home',
      home,
      '--database-url',
      'mysql://gyre:s3cret-pw@db/gyre',
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^gyre: CONFIG_INVALID: --database-url must be/);
    expect(result.stderr).not.toContain('s3cret');
  });
});

describe('gyre db', () => {
  it('shows pending migrations, upgrades once, then reports nothing to do', async () => {
    const before = await runCli('db', 'status', '--home', home);
    expect(before.code).toBe(0);
    expect(before.stdout.split('\n')[0]).toBe(
      `database sqlite:${join(home, 'gyre.db')}: schema version 0, this Gyre expects ${latestSchemaVersion}`,
    );
    expect(before.stdout).toMatch(/^ {2}pending 1: /m);

    const status = await runCliJson<{
      database: string;
      current: number;
      latest: number;
      pending: { version: number; name: string }[];
    }>('db', 'status', '--home', home);
    expect(status).toMatchObject({
      database: `sqlite:${join(home, 'gyre.db')}`,
      current: 0,
      latest: latestSchemaVersion,
    });
    expect(status.pending.map((m) => m.version)).toEqual(
      Array.from({ length: latestSchemaVersion }, (_, i) => i + 1),
    );

    const upgrade = await runCli('db', 'upgrade', '--home', home);
    expect(upgrade.code).toBe(0);
    expect(upgrade.stdout).toMatch(
      new RegExp(`^applied 1 \\(.+\\).*; schema now at version ${latestSchemaVersion}$`),
    );
    expect(existsSync(join(home, 'gyre.db'))).toBe(true);

    const after = await runCliJson<{ current: number; pending: unknown[] }>(
      'db',
      'status',
      '--home',
      home,
    );
    expect(after).toMatchObject({ current: latestSchemaVersion, pending: [] });
    const again = await runCli('db', 'upgrade', '--home', home);
    expect(again.stdout).toBe(`schema already at version ${latestSchemaVersion}; nothing to do`);
  });

  it('masks the password when the database cannot be reached', async () => {
    const result = await runCli(
      'db',
      'status',
      '--home',
      home,
      '--database-url',
      'postgres://gyre:s3cret-pw@127.0.0.1:1/gyre',
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^gyre: TEMPORARILY_UNAVAILABLE: /);
    expect(result.stderr).not.toContain('s3cret');
  });
});

describe('command line errors', () => {
  it('exits 2 for an unknown command or option, and for no command', async () => {
    const unknown = await runCli('bogus');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command 'bogus'/);
    const option = await runCli('runs', 'list', '--bogus-flag', '--home', home);
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(/unknown option '--bogus-flag'/);
    expect((await runCli('experiments', 'create')).code).toBe(2);
    expect((await runCli()).code).toBe(2);
    expect(existsSync(join(home, 'gyre.db'))).toBe(false);
  });

  it('exits 0 for --version and --help', async () => {
    const version = await runCli('--version');
    expect(version).toEqual({ code: 0, stdout: gyreVersion, stderr: '' });
    const help = await runCli('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: gyre/);
    expect(help.stdout).toMatch(/experiments/);
  });
});
