import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { detectFormat, readTable, type Table, type TabularFormat } from '../data/tabular/index.js';

export interface TrainingFile {
  /** Absolute path. */
  path: string;
  format: TabularFormat;
  /** sha256 of the file's bytes (hex), recorded as the run's input so the data is identifiable. */
  digest: string;
  bytes: number;
  table: Table;
}

/** Reads a tabular file whole, with the digest of exactly the bytes read. */
export async function readTrainingFile(
  path: string,
  format?: TabularFormat,
): Promise<TrainingFile> {
  const absolute = resolve(path);
  const chosen = format ?? (await detectFormat(absolute));
  const [table, digest, info] = await Promise.all([
    readTable(absolute, { format: chosen }),
    fileDigest(absolute),
    stat(absolute),
  ]);
  return { path: absolute, format: chosen, digest, bytes: info.size, table };
}

async function fileDigest(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
