/**
 * `npm run bench -- <name>`: runs one benchmark and prints its figures and ratios.
 * Benchmarks are measurements, not tests: nothing here passes or fails a build.
 */
const benches: Record<string, () => Promise<unknown>> = {
  data: async () => (await import('./data/data-bench.js')).runDataBench(),
  tracking: async () => (await import('./tracking/tracking-bench.js')).runTrackingBench(),
  train: async () => (await import('./train/train-bench.js')).runTrainBench(),
};

const name = process.argv[2];
const bench = name ? benches[name] : undefined;
if (!bench) {
  console.error(`usage: npm run bench -- <${Object.keys(benches).join('|')}>`);
  process.exit(2);
}
await bench();
