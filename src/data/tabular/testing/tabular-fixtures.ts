import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { isGyreError, type ErrorCode, type GyreError } from '../../../core/errors/index.js';
import type { TabularErrorReason } from '../source-error.js';
import { readTable } from '../table.js';
import type { Table, TabularReadOptions } from '../types.js';

/** A file of the npm `vega-datasets` package (real public datasets, a dev dependency). */
export function vegaFile(name: string): string {
  return fileURLToPath(
    new URL(`../../../../node_modules/vega-datasets/data/${name}`, import.meta.url),
  );
}

/** A temporary directory for files a test writes; `remove` deletes it. */
export class TempFiles {
  readonly dir = mkdtempSync(join(tmpdir(), 'gyre-tabular-'));

  /** Writes `content` to `name` in the directory and returns the path. */
  write(name: string, content: string | Uint8Array): string {
    const path = join(this.dir, name);
    writeFileSync(path, content);
    return path;
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Reads a table from text written to a temp file named `name`. */
export async function tableOf(
  files: TempFiles,
  name: string,
  content: string | Uint8Array,
  options?: TabularReadOptions,
): Promise<Table> {
  return readTable(files.write(name, content), options);
}

/** The rows of a table as arrays, for compact assertions. */
export function rowsOf(table: Table): unknown[][] {
  return Array.from({ length: table.rowCount }, (_, row) =>
    table.columns.map((name) => table.values[name]![row]),
  );
}

/**
 * Awaits `action`, checks it failed with a GyreError of `code` (INVALID_PARAMETER_VALUE unless
 * said) whose `details.reason` is `reason`, and returns the error for further checks.
 */
export async function expectReadError(
  action: Promise<unknown> | (() => unknown),
  reason: TabularErrorReason,
  message?: RegExp,
  code: ErrorCode = 'INVALID_PARAMETER_VALUE',
): Promise<GyreError> {
  let thrown: unknown;
  try {
    await (typeof action === 'function' ? action() : action);
  } catch (error) {
    thrown = error;
  }
  expect(thrown, `expected a ${reason} error, but nothing was thrown`).toBeDefined();
  if (!isGyreError(thrown)) throw thrown;
  expect(thrown.code).toBe(code);
  expect(thrown.details?.reason).toBe(reason);
  if (message) expect(thrown.message).toMatch(message);
  return thrown;
}
