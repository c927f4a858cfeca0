import { readFileSync } from 'node:fs';

/** The package version, read once from package.json (two levels up from src/core and dist/core). */
export const gyreVersion: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;
