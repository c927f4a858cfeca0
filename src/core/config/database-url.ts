import { isAbsolute, resolve } from 'node:path';

export type DatabaseTarget =
  { dialect: 'sqlite'; path: string } | { dialect: 'postgres'; url: string };

/**
 * Accepts `sqlite:PATH`, `sqlite://PATH`, `sqlite::memory:` and `postgres://` / `postgresql://` URLs;
 * relative SQLite paths resolve against `baseDir`. Returns undefined for anything else.
 */
export function parseDatabaseUrl(url: string, baseDir: string): DatabaseTarget | undefined {
  if (/^postgres(ql)?:\/\//i.test(url)) return { dialect: 'postgres', url };
  const sqlite = /^sqlite:(?:\/\/)?(.+)$/i.exec(url);
  if (!sqlite?.[1]) return undefined;
  const path = sqlite[1];
  if (path === ':memory:') return { dialect: 'sqlite', path };
  return { dialect: 'sqlite', path: isAbsolute(path) ? path : resolve(baseDir, path) };
}

export function formatDatabaseUrl(target: DatabaseTarget): string {
  return target.dialect === 'sqlite' ? `sqlite:${target.path}` : target.url;
}
