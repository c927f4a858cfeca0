import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { expectGyreError } from '../../testing/expect-gyre-error.js';
import { defaultSqliteDriver, openSqliteHandle, type SqliteDriverName } from './sqlite-handle.js';

describe('defaultSqliteDriver', () => {
  it.each([
    ['20.19.0', 'better-sqlite3'],
    ['22.21.1', 'better-sqlite3'],
    ['24.18.1', 'better-sqlite3'],
    ['24.19.0', 'node:sqlite'],
    ['24.21.0', 'node:sqlite'],
    ['26.0.0', 'node:sqlite'],
  ])('picks the binding that runs safely on Node %s', (version, driver) => {
    expect(defaultSqliteDriver({}, version)).toBe(driver);
  });

  it('lets GYRE_SQLITE_DRIVER override, and refuses other values', () => {
    expect(defaultSqliteDriver({ GYRE_SQLITE_DRIVER: 'node:sqlite' }, '20.19.0')).toBe(
      'node:sqlite',
    );
    expect(defaultSqliteDriver({ GYRE_SQLITE_DRIVER: 'better-sqlite3' }, '24.21.0')).toBe(
      'better-sqlite3',
    );
    expect(() => defaultSqliteDriver({ GYRE_SQLITE_DRIVER: 'sqlite3' })).toThrow(
      /better-sqlite3 or node:sqlite/,
    );
  });
});

const hasNodeSqlite = (() => {
  try {
    createRequire(import.meta.url)('node:sqlite');
    return true;
  } catch {
    return false;
  }
})();

/** The bindings this Node can run: better-sqlite3 12 aborts on Node ≥ 24.19 (see sqlite-handle.ts). */
const runnable: SqliteDriverName[] = [
  ...(defaultSqliteDriver({}) === 'better-sqlite3' ? (['better-sqlite3'] as const) : []),
  ...(hasNodeSqlite ? (['node:sqlite'] as const) : []),
];

describe.each(runnable)('%s handle', (driver) => {
  it('binds positional parameters, tells readers from writers and keeps ±Infinity', () => {
    const db = openSqliteHandle(':memory:', driver);
    try {
      db.exec('create table t (id integer primary key, v real, s text unique)');
      const insert = db.prepare('insert into t (v, s) values (?, ?)');
      expect(insert.reader).toBe(false);
      expect(insert.run([Infinity, 'a'])).toMatchObject({ changes: 1 });
      expect(insert.run([-Infinity, 'b'])).toMatchObject({ changes: 1 });
      const returning = db.prepare('insert into t (v, s) values (?, ?) returning id');
      expect(returning.reader).toBe(true);
      expect(returning.all([1.5, 'c'])).toEqual([{ id: 3 }]);
      const select = db.prepare('select v from t order by id');
      expect(select.reader).toBe(true);
      expect(select.all([]).map((row) => ({ ...(row as object) }))).toEqual([
        { v: Infinity },
        { v: -Infinity },
        { v: 1.5 },
      ]);
    } finally {
      db.close();
    }
  });

  it('names constraint errors as better-sqlite3 does, so one check serves both', () => {
    const db = openSqliteHandle(':memory:', driver);
    try {
      db.exec('create table t (s text unique)');
      db.prepare('insert into t values (?)').run(['x']);
      let code: unknown;
      try {
        db.prepare('insert into t values (?)').run(['x']);
      } catch (error) {
        code = (error as { code?: unknown }).code;
      }
      expect(code).toBe('SQLITE_CONSTRAINT_UNIQUE');
    } finally {
      db.close();
    }
  });
});

describe.skipIf(hasNodeSqlite)('without node:sqlite', () => {
  it('says which binding to use instead', async () => {
    await expectGyreError(
      () => openSqliteHandle(':memory:', 'node:sqlite'),
      'CONFIG_INVALID',
      /GYRE_SQLITE_DRIVER=better-sqlite3/,
    );
  });
});
