/**
 * Regenerates the committed, generated documents: docs/openapi.json (from the live route schemas)
 * and the catalog table in docs/errors.md. Tests fail when either drifts: run `npm run gen:docs`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from '../src/api/index.js';
import { openGyre } from '../src/app/index.js';
import { loadConfig } from '../src/core/config/index.js';
import { errorCatalog } from '../src/core/errors/index.js';
import { silentLogger } from '../src/core/logging/index.js';

export function errorTable(): string {
  const rows = Object.entries(errorCatalog).map(
    ([code, { status, description }]) => `| \`${code}\` | ${status} | ${description} |`,
  );
  return ['| code | HTTP status | meaning |', '|---|---|---|', ...rows].join('\n');
}

export function replaceCatalog(markdown: string): string {
  return markdown.replace(
    /<!-- catalog:start -->[\s\S]*<!-- catalog:end -->/,
    `<!-- catalog:start -->\n${errorTable()}\n<!-- catalog:end -->`,
  );
}

export async function openApiDocument(): Promise<string> {
  const home = mkdtempSync(join(tmpdir(), 'gyre-openapi-'));
  const gyre = await openGyre(loadConfig({ env: {}, cwd: home, flags: { home } }).config, {
    logger: silentLogger(),
  });
  try {
    const app = await buildServer(gyre);
    const document = app.swagger();
    await app.close();
    return `${JSON.stringify(document, null, 2)}\n`;
  } finally {
    await gyre.close();
    rmSync(home, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync('docs/openapi.json', await openApiDocument());
  writeFileSync('docs/errors.md', replaceCatalog(readFileSync('docs/errors.md', 'utf8')));
  console.log('wrote docs/openapi.json and docs/errors.md');
}
