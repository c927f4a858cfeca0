import { describe, expect, it } from 'vitest';
import { formatDatabaseUrl, parseDatabaseUrl } from './database-url.js';
import type { ConfigKey } from './gyre-config.js';
import { maskUrlPassword } from './mask-secrets.js';
import { parseSize } from './parse-size.js';
import { settings } from './settings.js';

const parse = (key: ConfigKey, raw: unknown) => settings[key].parse(raw);

describe('parseSize', () => {
  it.each([
    ['1048576', 1048576],
    ['16MiB', 16 * 1024 ** 2],
    ['16 MB', 16_000_000],
    ['500kB', 500_000],
    ['2 KiB', 2048],
    ['1gib', 1024 ** 3],
    ['3 GB', 3_000_000_000],
    ['  7b ', 7],
    ['1.5kB', 1500],
    ['2.9', 2],
  ])('reads %j as %d bytes', (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });

  it.each(['', 'abc', '12 parsecs', '-5', '0', '0.4', '1e3', 'MiB', '1 2 MB'])(
    'rejects %j',
    (text) => {
      expect(parseSize(text)).toBeUndefined();
    },
  );
});

describe('maskUrlPassword', () => {
  it.each([
    ['postgres://gyre:s3cr3t@db:5432/gyre', 'postgres://gyre:****@db:5432/gyre'],
    ['postgresql://u:p%40ss/w@localhost/x', 'postgresql://u:****@localhost/x'],
    ['POSTGRES://a:b@h/d', 'POSTGRES://a:****@h/d'],
    ['postgres://gyre@db/gyre', 'postgres://gyre@db/gyre'],
    ['postgres://db:5432/gyre', 'postgres://db:5432/gyre'],
    ['sqlite:/tmp/gyre.db', 'sqlite:/tmp/gyre.db'],
  ])('masks %s', (url, masked) => {
    expect(maskUrlPassword(url)).toBe(masked);
  });
});

describe('parseDatabaseUrl', () => {
  it('accepts the sqlite spellings and resolves relative paths against the base directory', () => {
    expect(parseDatabaseUrl('sqlite:rel/g.db', '/base')).toEqual({
      dialect: 'sqlite',
      path: '/base/rel/g.db',
    });
    expect(parseDatabaseUrl('sqlite://g.db', '/base')).toEqual({
      dialect: 'sqlite',
      path: '/base/g.db',
    });
    expect(parseDatabaseUrl('sqlite:///abs/g.db', '/base')).toEqual({
      dialect: 'sqlite',
      path: '/abs/g.db',
    });
    expect(parseDatabaseUrl('SQLite:/abs/g.db', '/base')).toEqual({
      dialect: 'sqlite',
      path: '/abs/g.db',
    });
    expect(parseDatabaseUrl('sqlite::memory:', '/base')).toEqual({
      dialect: 'sqlite',
      path: ':memory:',
    });
  });

  it('keeps postgres URLs unchanged', () => {
    for (const url of ['postgres://u:p@h:5432/d', 'postgresql://h/d', 'PostgreSQL://h/d']) {
      expect(parseDatabaseUrl(url, '/base')).toEqual({ dialect: 'postgres', url });
    }
  });

  it.each(['mysql://h/d', 'sqlite:', 'sqlite', 'postgres:/h/d', '/tmp/g.db', 'http://h/d'])(
    'rejects %j',
    (url) => {
      expect(parseDatabaseUrl(url, '/base')).toBeUndefined();
    },
  );

  it('formats targets back to URLs', () => {
    expect(formatDatabaseUrl({ dialect: 'sqlite', path: '/a/b.db' })).toBe('sqlite:/a/b.db');
    expect(formatDatabaseUrl({ dialect: 'sqlite', path: ':memory:' })).toBe('sqlite::memory:');
    expect(formatDatabaseUrl({ dialect: 'postgres', url: 'postgres://h/d' })).toBe(
      'postgres://h/d',
    );
  });
});

describe('settings', () => {
  it('gives every setting a distinct GYRE_ variable, yaml key and flag', () => {
    const specs = Object.values(settings);
    for (const field of ['env', 'yaml', 'flag'] as const) {
      expect(new Set(specs.map((spec) => spec[field])).size).toBe(specs.length);
    }
    for (const spec of specs) {
      expect(spec.env).toMatch(/^GYRE_[A-Z_]+$/);
      expect(spec.yaml).toMatch(/^[a-z_]+$/);
      expect(spec.flag).toMatch(/^--[a-z-]+$/);
    }
    expect(settings.databaseUrl.secret).toBe(true);
  });

  it('parses ports', () => {
    expect(parse('port', 8080)).toEqual({ value: 8080 });
    expect(parse('port', ' 0 ')).toEqual({ value: 0 });
    expect(parse('port', '65535')).toEqual({ value: 65535 });
    for (const bad of ['65536', '-1', '1.5', 'http', true, null]) {
      expect(parse('port', bad)).toHaveProperty('expected');
    }
  });

  it('parses sizes given as text or numbers', () => {
    expect(parse('jsonBodyLimit', 4096)).toEqual({ value: 4096 });
    expect(parse('jsonBodyLimit', '4KiB')).toEqual({ value: 4096 });
    for (const bad of [0, -1, 1.5, '4 KX', '']) {
      expect(parse('jsonBodyLimit', bad)).toHaveProperty('expected');
    }
  });

  it('parses log levels, booleans and tracking URIs', () => {
    expect(parse('logLevel', 'Trace')).toEqual({ value: 'trace' });
    expect(parse('logLevel', 'verbose')).toHaveProperty('expected');
    for (const yes of [true, 'true', 'YES', '1', 'on']) {
      expect(parse('autoMigrate', yes)).toEqual({ value: true });
    }
    for (const no of [false, 'false', 'No', '0', 'off']) {
      expect(parse('autoMigrate', no)).toEqual({ value: false });
    }
    expect(parse('autoMigrate', 'perhaps')).toHaveProperty('expected');
    expect(parse('trackingUri', 'http://h:5000//')).toEqual({ value: 'http://h:5000' });
    for (const bad of ['h:5000', 'ftp://h', 'http://a b']) {
      expect(parse('trackingUri', bad)).toHaveProperty('expected');
    }
  });

  it('trims text settings and rejects empty or non-string ones', () => {
    expect(parse('host', ' ::1 ')).toEqual({ value: '::1' });
    for (const bad of ['', '  ', 5, null]) {
      expect(parse('host', bad)).toHaveProperty('expected');
    }
  });
});
