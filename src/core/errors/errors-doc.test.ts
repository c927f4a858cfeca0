import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { errorTable } from '../../../scripts/generate-docs.js';
import { errorCatalog } from './error-catalog.js';

const docs = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');

test('docs/errors.md lists exactly the error catalog (regenerate with npm run gen:docs)', () => {
  const table = /<!-- catalog:start -->\n([\s\S]*)\n<!-- catalog:end -->/.exec(docs)?.[1];
  expect(table, 'docs/errors.md lost its catalog markers').toBeDefined();
  expect(table).toBe(errorTable());
});

test('every code has a 4xx or 5xx status and a description', () => {
  for (const [code, { status, description }] of Object.entries(errorCatalog)) {
    expect(code).toMatch(/^[A-Z][A-Z_]+$/);
    expect(status >= 400 && status < 600, `${code} status ${status}`).toBe(true);
    expect(description.length).toBeGreaterThan(20);
  }
});
