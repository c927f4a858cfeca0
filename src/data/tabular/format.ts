import { basename, extname } from 'node:path';
import { isGzip, plainHead } from './compression.js';
import { checkFile, readHead } from './file-access.js';
import { sourceError } from './source-error.js';
import type { TabularFormat } from './types.js';

const byExtension: Record<string, TabularFormat> = {
  '.csv': 'csv',
  '.tsv': 'tsv',
  '.tab': 'tsv',
  '.json': 'json',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.parquet': 'parquet',
  '.pq': 'parquet',
  '.arrow': 'arrow',
  '.arrows': 'arrow',
  '.feather': 'arrow',
  '.ipc': 'arrow',
};

/** Bytes read from the start of a file to sniff its format. */
const SNIFF_BYTES = 4096;

/**
 * The format of a file: by extension (`.gz` looked through: `data.csv.gz` is CSV), and by content
 * when the extension is unknown (`data.txt`, no extension). A `.json` file whose first value is an
 * object rather than an array is JSON Lines, a common mislabelling. Fails like `openTabular` for
 * a missing or empty file, and with `unknown_format` when neither name nor content tells.
 * `name` is the file name to judge by when `path` does not carry it (content-addressed copies).
 */
export async function detectFormat(path: string, name = path): Promise<TabularFormat> {
  await checkFile(path);
  const raw = await readHead(path, SNIFF_BYTES);
  const gzip = isGzip(raw);
  const head = plainHead(raw);
  const extension = innerExtension(name);
  const format = formatOf(extension, head);
  if (gzip && (format === 'parquet' || format === 'arrow')) {
    throw sourceError(
      path,
      'unknown_format',
      `is gzip-compressed ${format === 'parquet' ? 'Parquet' : 'Arrow'}, which cannot be read ` +
        'in place; decompress it (Parquet and Arrow have their own compression)',
    );
  }
  if (format) return format;
  const named = extension === '' ? 'no extension' : `the extension "${extension}"`;
  throw sourceError(
    path,
    'unknown_format',
    `cannot tell its format: ${named} is not one of ${Object.keys(byExtension).join(', ')} ` +
      '(optionally + .gz) and the content is not recognisable; rename the file or give its ' +
      'format explicitly (csv, tsv, json, jsonl, parquet or arrow)',
  );
}

/** The format the first bytes show, if any: magic numbers for binary formats, else text shape. */
export function sniffFormat(head: Uint8Array): TabularFormat | undefined {
  const bytes = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  if (bytes.subarray(0, 4).toString('latin1') === 'PAR1') return 'parquet';
  if (bytes.subarray(0, 6).toString('latin1') === 'ARROW1') return 'arrow';
  if (bytes.length >= 4 && bytes.readUInt32LE(0) === 0xffffffff) return 'arrow'; // IPC stream
  if (bytes.includes(0)) return undefined; // binary, and none we know
  const first = firstChar(bytes);
  if (first === '[') return 'json';
  if (first === '{') return 'jsonl';
  const text = bytes.toString('utf8');
  const line = text.split(/\r?\n|\r/, 1)[0] ?? '';
  if (line.includes('\t')) return 'tsv';
  if (line.includes(',')) return 'csv';
  return undefined;
}

function formatOf(extension: string, head: Uint8Array): TabularFormat | undefined {
  const known = byExtension[extension];
  if (known === 'json') return firstChar(head) === '{' ? 'jsonl' : 'json';
  return known ?? sniffFormat(head);
}

/** The extension that names the format: `.csv` for `data.csv.gz`, lower-cased. */
function innerExtension(path: string): string {
  const name = basename(path).toLowerCase();
  return extname(name.endsWith('.gz') ? name.slice(0, -3) : name);
}

function firstChar(head: Uint8Array): string | undefined {
  return /^\uFEFF?\s*(\S)/.exec(Buffer.from(head).toString('utf8'))?.[1];
}
