import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/**
 * Writes a CSV of `rows` × `columns` random numbers as a data scientist's export looks: column
 * by column a mix of distributions (normal, log-normal with a long right tail, uniform, small
 * integers), printed with up to 6 significant digits. Seeded, so every run profiles the same file.
 */
export async function writeNumericCsv(path: string, rows: number, columns: number): Promise<void> {
  const out = createWriteStream(path);
  const random = mulberry32(20240917);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const kinds = [
    () => (50 + 10 * normal()).toPrecision(6),
    () => Math.exp(1 + 1.5 * normal()).toPrecision(6),
    () => (random() * 1000).toPrecision(6),
    () => String(Math.floor(random() * 20)),
  ];
  out.write(Array.from({ length: columns }, (_, i) => `x${i}`).join(',') + '\n');
  const batch = 1000;
  for (let row = 0; row < rows; row += batch) {
    let text = '';
    for (let r = row; r < Math.min(rows, row + batch); r++) {
      for (let c = 0; c < columns; c++) text += (c === 0 ? '' : ',') + kinds[c % kinds.length]!();
      text += '\n';
    }
    if (!out.write(text)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
