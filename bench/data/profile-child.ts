/**
 * One measurement in a fresh process, so peak RSS is this job's alone:
 * `node --import tsx bench/data/profile-child.ts <profile|read> <file>` prints one JSON line with
 * the wall and CPU seconds of the job (imports excluded) and the process's peak RSS.
 */
import { readTableChunks } from '../../src/data/tabular/index.js';
import { profileFile } from '../../src/data/profile/index.js';

const [mode, path] = process.argv.slice(2);
if ((mode !== 'profile' && mode !== 'read') || !path) {
  console.error('usage: profile-child.ts <profile|read> <file>');
  process.exit(2);
}

const cpuBefore = process.cpuUsage();
const started = performance.now();
let rows = 0;
let passes = 1;
if (mode === 'profile') {
  const profile = await profileFile(path);
  rows = profile.row_count;
  passes = profile.passes;
} else {
  for await (const chunk of readTableChunks(path)) rows += chunk.rowCount;
}
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
console.log(
  JSON.stringify({
    rows,
    passes,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  }),
);
